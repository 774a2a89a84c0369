import type { MessageContent, TemplateMessageComponent } from '../cloud-api/index.js';
import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryOne } from '../db/sql.js';
import type { Transaction } from '../db/transaction.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { loadSendTarget, queueOutboundMessage } from '../delivery/queue-outbound-message.js';
import type { AutomationKind } from '../domain/automation-kinds.js';
import { assertFreeFormAllowed } from '../domain/service-window.js';
import { buildTemplateSendComponents, type TemplateParameterValue } from '../domain/template-parameters.js';
import { templateBodyPreview } from '../domain/template-preview.js';
import { recordAutomationEvent } from './automation-audit.js';

export type AutomaticContent =
  | { text: string }
  | { interactive: Extract<MessageContent, { type: 'interactive' }>['interactive']; body: string }
  | { templateId: string; values?: Readonly<Record<string, TemplateParameterValue>> };

export interface AutomaticMessage {
  conversation: { id: string; accountId: string };
  kind: AutomationKind;
  content: AutomaticContent;
  /** No conversation gets more automatic messages than this in the hour before `now` (a loop with another bot ends there). */
  capPerHour: number;
  now: Date;
  /** What the audit trail says besides the kind and the message (the rule, the language…). */
  details?: Record<string, unknown>;
}

/**
 * Queues an automatic message in the caller's transaction, marked with its kind on the message
 * and in the audit trail. Free-form content goes only inside the 24-hour window; a template only
 * when approved and complete. Returns the message id, or null when nothing could or may go
 * (outside the window, the hourly cap reached, no phone, a template that is not sendable).
 */
export async function sendAutomaticMessage(context: PluginContext, tx: Transaction, input: AutomaticMessage): Promise<string | null> {
  const recent = await queryOne<{ sent: number }>(
    tx.manager,
    prepared(`SELECT count(*)::int AS sent FROM whatsapp_messages
       WHERE conversation_id = $1 AND automation IS NOT NULL AND created_at > $2::timestamptz - interval '1 hour'`),
    [input.conversation.id, input.now],
  );
  if ((recent?.sent ?? 0) >= input.capPerHour) {
    context.logger.info('automatic message not sent: hourly cap reached', { conversationId: input.conversation.id, kind: input.kind });
    return null;
  }
  try {
    const target = await loadSendTarget(tx, input.conversation.id);
    const queued = await contentOf(tx, target.accountId, input.content, () => assertFreeFormAllowed(target.lastInboundAt, input.now).allowed);
    if (!queued) return null;
    const message = await queueOutboundMessage(context, tx, { target, ...queued, actorId: null, automation: input.kind });
    await recordAutomationEvent(tx.manager, input.conversation, 'automatic_message', { automation: input.kind, messageId: message.id, ...input.details });
    return message.id;
  } catch (error) {
    if (!(error instanceof OutboundRefusal)) throw error;
    context.logger.info('automatic message not sent', { conversationId: input.conversation.id, kind: input.kind, reason: error.message });
    return null;
  }
}

async function contentOf(
  tx: Transaction,
  accountId: string,
  content: AutomaticContent,
  windowOpen: () => boolean,
): Promise<{ content: MessageContent; body: string | null; templateId?: string } | null> {
  if ('text' in content) return windowOpen() ? { content: { type: 'text', text: { body: content.text } }, body: content.text } : null;
  if ('interactive' in content) return windowOpen() ? { content: { type: 'interactive', interactive: content.interactive }, body: content.body } : null;
  const template = await queryOne<{ id: string; name: string; language: string; status: string; components: unknown }>(
    tx.manager,
    `SELECT id, name, language, status, components FROM whatsapp_templates WHERE id = $1 AND account_id = $2`,
    [content.templateId, accountId],
  );
  if (!template || template.status !== 'APPROVED') return null;
  const values = content.values ?? {};
  const built = buildTemplateSendComponents(template, values);
  if (!built.ok) return null;
  return {
    content: {
      type: 'template',
      template: {
        name: template.name,
        language: { code: template.language },
        ...(built.components.length > 0 ? { components: built.components as TemplateMessageComponent[] } : {}),
      },
    },
    body: templateBodyPreview(template.components, values),
    templateId: template.id,
  };
}
