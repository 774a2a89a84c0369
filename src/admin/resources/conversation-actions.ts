import type { Action, ActionRequest, ActionResponse, After } from 'adminjs';
import type { GraphApiClient } from '../../cloud-api/index.js';
import { markConversationRead } from '../../outbound/mark-conversation-read.js';
import type { DataSource } from 'typeorm';
import { OutboundRefusal } from '../../outbound/outbound-refusal.js';
import { reply } from '../../outbound/reply.js';
import { sendTemplate } from '../../outbound/send-template.js';
import { templateParameterSlots, type TemplateParameterValue } from '../../domain/template-parameters.js';
import type { PluginContext } from '../../plugin-context.js';
import { signedIn } from '../access.js';

const RECENT_MESSAGES = 50;

/** What the reply view shows of each message: text is sent as data, the browser renders it as text. */
async function recentMessages(dataSource: DataSource, conversationId: string) {
  const rows = await dataSource.query(
    `SELECT id, direction, type, body, status, error_code AS "errorCode", error_title AS "errorTitle",
            error_explanation_key AS "errorExplanationKey", created_at AS "createdAt"
       FROM whatsapp_messages WHERE conversation_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
    [conversationId, RECENT_MESSAGES],
  );
  return rows.reverse();
}

/**
 * Answer the customer from the conversation. GET loads the recent messages (polled by the view);
 * only POST sends. A refused send (window closed, inactive number…) comes back as a translated notice.
 */
export function replyAction(context: PluginContext, component: string): Action<ActionResponse> {
  return {
    name: 'reply',
    actionType: 'record',
    icon: 'Send',
    component,
    isAccessible: signedIn,
    handler: async (request: ActionRequest, _response, actionContext) => {
      const record = actionContext.record!;
      const conversationId = String(record.id());
      const base = { record: record.toJSON(actionContext.currentAdmin) };
      if (request.method !== 'post') return { ...base, messages: await recentMessages(context.dataSource, conversationId) };
      const text = typeof request.payload?.text === 'string' ? request.payload.text.trim() : '';
      if (!text) return { ...base, notice: { message: 'replyEmpty', type: 'error' } };
      try {
        await reply(context, { conversationId, text, actorId: actionContext.currentAdmin?.id ?? null });
      } catch (error) {
        if (error instanceof OutboundRefusal) {
          return { ...base, notice: { message: error.key, type: 'error', options: error.params } };
        }
        throw error;
      }
      return { ...base, notice: { message: 'replyQueued', type: 'success' }, messages: await recentMessages(context.dataSource, conversationId) };
    },
  };
}

/** The approved templates of the conversation's number, each with the parameters an agent fills by name. */
async function approvedTemplates(dataSource: DataSource, conversationId: string) {
  const rows: { id: string; name: string; language: string; components: unknown[] }[] = await dataSource.query(
    `SELECT t.id, t.name, t.language, t.components
       FROM whatsapp_templates t JOIN whatsapp_conversations c ON c.account_id = t.account_id
      WHERE c.id = $1 AND t.status = 'APPROVED' ORDER BY t.name, t.language`,
    [conversationId],
  );
  return rows.map((row) => {
    const body = (row.components as { type?: string; text?: string }[]).find((c) => c.type === 'BODY');
    return { id: row.id, name: row.name, language: row.language, bodyText: body?.text ?? '', slots: templateParameterSlots(row) };
  });
}

/**
 * Send an approved template (the only message allowed outside the 24-hour window). GET lists the
 * number's approved templates with their named parameters; POST queues one after checking the
 * values fill its parameters exactly.
 */
export function sendTemplateAction(context: PluginContext, component: string): Action<ActionResponse> {
  return {
    name: 'sendTemplate',
    actionType: 'record',
    icon: 'FileText',
    component,
    isAccessible: signedIn,
    handler: async (request: ActionRequest, _response, actionContext) => {
      const record = actionContext.record!;
      const conversationId = String(record.id());
      const base = { record: record.toJSON(actionContext.currentAdmin) };
      if (request.method !== 'post') return { ...base, templates: await approvedTemplates(context.dataSource, conversationId) };
      let values: Record<string, TemplateParameterValue>;
      try {
        values = JSON.parse(String(request.payload?.values ?? '{}'));
      } catch {
        return { ...base, notice: { message: 'outbound.refusal.templateParameters', type: 'error' } };
      }
      try {
        await sendTemplate(context, {
          conversationId,
          templateId: String(request.payload?.templateId ?? ''),
          values,
          actorId: actionContext.currentAdmin?.id ?? null,
        });
      } catch (error) {
        if (error instanceof OutboundRefusal) return { ...base, notice: { message: error.key, type: 'error', options: error.params } };
        throw error;
      }
      return { ...base, notice: { message: 'templateQueued', type: 'success' } };
    },
  };
}

/**
 * An agent opened the conversation page: its unread count drops to
 * zero and, if the number is set to, the customer sees blue ticks. Best effort and only when
 * something was unread, so re-opening does not call Meta again.
 */
export function markReadWhenOpened(context: PluginContext, graph: GraphApiClient): After<ActionResponse> {
  return async (response) => {
    const conversationId = response.record?.id;
    if (conversationId) {
      await markConversationRead(context, String(conversationId), { graph }).catch((error: unknown) =>
        context.logger.warn('could not mark the conversation read', { conversationId, error: String(error) }),
      );
    }
    return response;
  };
}
