import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryRows } from '../db/sql.js';
import type { Transaction } from '../db/transaction.js';
import type { SequenceTrigger } from '../domain/campaign-kinds.js';
import { normalizeForMatching } from '../domain/keyword-routing.js';
import { applyConsentKeyword, type CustomerText } from './apply-consent-keyword.js';
import { enqueueSweep } from './broadcast-jobs.js';
import { enrollInTransaction } from './enroll-contacts.js';
import { exitEnrollmentsOf } from './exit-enrollments.js';

/** How long after a broadcast message a customer's message still counts as its reply. */
const REPLY_ATTRIBUTION = '7 days';

export interface CustomerMessage extends CustomerText {
  accountId: string;
}

/**
 * What campaigns do when customers write (the processor calls it once per transaction, after
 * storing their messages): consent keywords (stop or resume marketing, with a confirmation; a
 * stop also ends every sequence), replies to broadcasts counted, sequences that exit on reply
 * ended, and sequences enrolled by keyword started — in that order, so a keyword that starts a
 * sequence is not taken for a reply to it.
 */
export async function afterCustomerMessages(context: PluginContext, tx: Transaction, messages: readonly CustomerMessage[]): Promise<void> {
  if (messages.length === 0) return;
  const { manager } = tx;
  const stopped: string[] = [];
  for (const message of messages) {
    const consent = await applyConsentKeyword(context, tx, message);
    if (consent?.optedOut) stopped.push(message.contactId);
  }
  const at = messages.reduce((latest, message) => (message.at > latest ? message.at : latest), messages[0]!.at);
  await exitEnrollmentsOf(manager, stopped, 'opted-out', at);

  const writers = [...new Set(messages.map((message) => message.contactId))];
  await queryRows(
    manager,
    prepared(`UPDATE whatsapp_broadcast_recipients r SET replied_at = now()
       FROM whatsapp_messages m
      WHERE r.contact_id = ANY($1::uuid[]) AND r.state = 'queued' AND r.replied_at IS NULL AND m.id = r.message_id
        AND m.sent_at IS NOT NULL AND m.sent_at > now() - interval '${REPLY_ATTRIBUTION}'`),
    [writers],
  );
  await exitEnrollmentsOf(manager, writers, 'replied', at);
  await enrollByKeyword(context, tx, messages);
}

async function enrollByKeyword(context: PluginContext, tx: Transaction, messages: readonly CustomerMessage[]): Promise<void> {
  const accountIds = [...new Set(messages.map((message) => message.accountId))];
  const sequences = await queryRows<{ id: string; account_id: string; triggers: SequenceTrigger[] }>(
    tx.manager,
    prepared(`SELECT id, account_id, triggers FROM whatsapp_sequences
      WHERE account_id = ANY($1::uuid[]) AND status = 'active' AND triggers @> '[{"kind": "keyword"}]'`),
    [accountIds],
  );
  let enrolled = 0;
  for (const message of messages) {
    const text = message.text ? normalizeForMatching(message.text) : '';
    if (!text) continue;
    for (const sequence of sequences.filter((s) => s.account_id === message.accountId)) {
      const keywords = sequence.triggers.flatMap((trigger) => (trigger.kind === 'keyword' ? trigger.keywords : []));
      const keyword = keywords.find((word) => normalizeForMatching(word) === text);
      if (!keyword) continue;
      const result = await enrollInTransaction(context, tx.manager, null, { sequenceId: sequence.id, contactIds: [message.contactId], source: 'keyword', details: { keyword } });
      enrolled += result.enrolled.length;
    }
  }
  if (enrolled > 0) await enqueueSweep(context, tx.jobDb);
}
