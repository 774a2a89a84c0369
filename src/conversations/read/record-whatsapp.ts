import type { Queryable } from '../../db/sql.js';
import { queryRows } from '../../db/sql.js';
import { templateVariables } from '../../domain/template-variables.js';
import { templateBodyText } from '../../domain/click-to-chat.js';
import type { InboxActor } from '../../permissions/permission-snapshot.js';
import { holds } from '../../permissions/permission-snapshot.js';
import { conversationMessagesFor, listConversationsFor, templatesFor, type ConversationView, type MessageView } from './integration-reads.js';

/** An approved template the send box offers, with the body parameters to fill. */
export interface OfferedTemplate {
  id: string;
  accountId: string;
  label: string;
  body: string | null;
  /** Slot keys (`body:1`, `body:first_name`) of the body's parameters. */
  slots: string[];
}

/** What a host record's WhatsApp panel shows. */
export interface RecordWhatsApp {
  conversations: ConversationView[];
  /** The last messages of the most recent conversation, oldest first. */
  messages: MessageView[];
  /** The number a new message goes from: the latest conversation's, else the first the agent may send from. */
  accountId: string | null;
  canSend: boolean;
  templates: OfferedTemplate[];
}

/**
 * A phone number's WhatsApp, as the agent may see it: its conversations on every number under
 * any spelling, the latest one's last messages, and the approved templates of the number the
 * send box sends from.
 */
export async function recordWhatsApp(db: Queryable, actor: InboxActor, phone: string, defaultRegion: string, lastMessages = 10): Promise<RecordWhatsApp> {
  const conversations = await listConversationsFor(db, actor, { phone, limit: 20 }, defaultRegion);
  const latest = conversations[0];
  const messages = latest ? ((await conversationMessagesFor(db, actor, latest.id, { limit: lastMessages })) ?? []).reverse() : [];
  const accountId = latest?.accountId ?? (await firstSendingNumber(db, actor));
  const templates = accountId ? (await templatesFor(db, actor, accountId)).filter((t) => t.status === 'APPROVED') : [];
  return {
    conversations,
    messages,
    accountId,
    canSend: accountId !== null && holds(actor, 'inbox.reply', accountId),
    templates: templates.map((template) => {
      const body = templateBodyText(template.components);
      const names = [...new Set(templateVariables(body ?? '').filter((v) => v.kind !== 'invalid').map((v) => v.name))];
      return { id: template.id, accountId: template.accountId, label: `${template.name} (${template.language})`, body, slots: names.map((name) => `body:${name}`) };
    }),
  };
}

async function firstSendingNumber(db: Queryable, actor: InboxActor): Promise<string | null> {
  const accounts = await queryRows<{ id: string }>(db, `SELECT id FROM whatsapp_accounts WHERE status = 'active' ORDER BY created_at`);
  return accounts.find((account) => holds(actor, 'inbox.reply', account.id))?.id ?? null;
}
