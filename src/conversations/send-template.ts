import type { MessageContent, TemplateMessageComponent } from '../cloud-api/index.js';
import { inTransactionOf } from '../db/transaction.js';
import type { UseCaseOptions } from '../delivery/use-case-options.js';
import { buildTemplateSendComponents, type TemplateParameterValue } from '../domain/template-parameters.js';
import type { WhatsAppMessage } from '../entities/whatsapp-message.entity.js';
import { assignReplierIfUnassigned } from './assign-replier.js';
import { lockAuthorized } from './conversation-access.js';
import { recordAudit } from './conversation-change.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { loadSendTarget, queueOutboundMessage } from '../delivery/queue-outbound-message.js';
import { refusalBeforeMeta } from '../delivery/refusal-before-meta.js';
import { queryOne } from '../db/sql.js';
import { templateBodyPreview } from '../domain/template-preview.js';
import { isUuid } from '../domain/uuid.js';

export interface SendTemplateInput {
  conversationId: string;
  /** A `whatsapp_templates` row of the conversation's number. */
  templateId: string;
  /** By slot key (`body:1`, `body:first_name`, `header:image`, `button:0:1`…; see templateParameterSlots). */
  values: Readonly<Record<string, TemplateParameterValue>>;
  /** The agent sending it, who needs `inbox.reply` on the number and to see the conversation; null for automations. */
  actor: InboxActor | null;
}

/**
 * Queues an approved template, the only kind of message allowed outside the 24-hour window.
 * Before anything is queued, the template must be APPROVED and the values must fill its
 * parameters exactly (count and kind); otherwise an OutboundRefusal lists each problem. An agent
 * who may not answer this conversation is refused (WorkflowRefusal); an agent's send is written
 * to the conversation's audit trail with the message, and takes an unassigned conversation when
 * its number says so.
 */
export async function sendTemplate(context: PluginContext, input: SendTemplateInput, options: UseCaseOptions = {}): Promise<WhatsAppMessage> {
  return inTransactionOf(context.dataSource, options.tx, async (tx) => {
    const authorized = input.actor
      ? await lockAuthorized(tx.manager, { conversationId: input.conversationId, actor: input.actor, permission: 'inbox.reply' })
      : null;
    const target = await loadSendTarget(tx, input.conversationId);
    const template = isUuid(input.templateId)
      ? await queryOne<{ id: string; name: string; language: string; status: string; category: string | null; components: unknown }>(
          tx.manager,
          `SELECT id, name, language, status, category, components FROM whatsapp_templates WHERE id = $1 AND account_id = $2`,
          [input.templateId, target.accountId],
        )
      : undefined;
    if (!template) throw OutboundRefusal.of('template-not-found');
    if (template.status !== 'APPROVED') throw OutboundRefusal.of('template-not-approved', { name: template.name, status: template.status });
    const refused = refusalBeforeMeta({ ...target.conditions, templateCategory: template.category });
    if (refused) throw OutboundRefusal.beforeMeta(refused);

    const built = buildTemplateSendComponents(template, input.values);
    if (!built.ok) throw OutboundRefusal.templateParameters(built.problems);
    const content: MessageContent = {
      type: 'template',
      template: {
        name: template.name,
        language: { code: template.language },
        ...(built.components.length > 0 ? { components: built.components as TemplateMessageComponent[] } : {}),
      },
    };
    if (authorized && !options.leaveAssignment) await assignReplierIfUnassigned(tx.manager, authorized.conversation, authorized.actor);
    const message = await queueOutboundMessage(context, tx, {
      target,
      content,
      body: templateBodyPreview(template.components, input.values),
      actorId: input.actor?.id ?? null,
      templateId: template.id,
    });
    if (input.actor) {
      await recordAudit(tx.manager, target.conversationId, input.actor.id, {
        kind: 'template_sent',
        details: { messageId: message.id, templateId: template.id, templateName: template.name, language: template.language },
      });
    }
    return message;
  });
}
