import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryOne } from '../db/sql.js';
import type { Transaction } from '../db/transaction.js';
import { setMarketingConsent } from '../contacts/set-marketing-consent.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { loadSendTarget, queueOutboundMessage } from '../delivery/queue-outbound-message.js';
import { matchConsentKeyword } from '../domain/consent-keywords.js';
import { LANGUAGES, type Language } from '../i18n/catalogue.js';
import { serverTranslator } from '../i18n/server-translator.js';
import { defaultConsentKeywords } from './consent-keyword-lists.js';

export interface CustomerText {
  contactId: string;
  conversationId: string;
  text: string | null;
  at: Date;
}

/**
 * A customer who wrote exactly an opt-out word (STOP, ARRÊT, توقف…) stops marketing messages, one
 * who wrote an opt-in word (START…) resumes them — through the one function that changes consent,
 * with `keyword` as its source — and gets a confirmation in the language of the word, inside the
 * window their message just opened. A word that changes nothing (STOP when stopped) is not answered.
 * Returns whether the consent changed, and to what.
 */
export async function applyConsentKeyword(context: PluginContext, tx: Transaction, message: CustomerText): Promise<{ optedOut: boolean } | null> {
  const match = matchConsentKeyword(message.text, context.options.consentKeywords ?? defaultConsentKeywords());
  if (!match) return null;
  const current = await queryOne<{ optedOut: boolean }>(
    tx.manager,
    prepared(`SELECT marketing_opted_out_at IS NOT NULL AS "optedOut" FROM whatsapp_contacts WHERE id = $1`),
    [message.contactId],
  );
  if (current?.optedOut === match.optedOut) return null;
  const change = await setMarketingConsent(tx.manager, message.contactId, match.optedOut, 'keyword', message.at);
  if (!change.changed) return null;
  const t = serverTranslator((LANGUAGES as readonly string[]).includes(match.language) ? (match.language as Language) : 'en');
  const text = t(match.optedOut ? 'campaigns.consent.optedOut' : 'campaigns.consent.optedIn');
  try {
    const target = await loadSendTarget(tx, message.conversationId);
    await queueOutboundMessage(context, tx, { target, content: { type: 'text', text: { body: text } }, body: text, actorId: null });
  } catch (error) {
    // The consent is what matters; a number that cannot send now still records it.
    if (!(error instanceof OutboundRefusal)) throw error;
    context.logger.info('consent confirmation not sent', { contactId: message.contactId, reason: error.reason });
  }
  return { optedOut: match.optedOut };
}
