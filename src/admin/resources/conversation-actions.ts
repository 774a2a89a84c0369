import type { Action, ActionRequest, ActionResponse, After, NoticeMessage, RecordJSON } from 'adminjs';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { markMentionsSeen } from '../../conversations/add-note.js';
import { markConversationRead } from '../../conversations/mark-conversation-read.js';
import { reply } from '../../conversations/reply.js';
import { sendTemplate } from '../../conversations/send-template.js';
import { sendableTemplates, type SendableTemplate } from '../../conversations/read/sendable-templates.js';
import type { TemplateParameterValue } from '../../domain/template-parameters.js';
import type { InboxActor } from '../../permissions/permission-snapshot.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { onVisibleConversation } from '../access.js';
import { refusalNotice } from '../refusal-notice.js';
import { actorOf } from './conversation-workflow-actions.js';

/** A send action's answer: the conversation, its page's data (on GET and after queuing), and a notice after a POST. */
export type ConversationSendAnswer<Page = unknown> = { record: RecordJSON; notice?: NoticeMessage } & Partial<Page>;

export type SendTemplatePage = { templates: SendableTemplate[] };

/**
 * A conversation action that sends something: GET loads what its view needs (`load`), only POST
 * sends (`send`). Shown to admins who see the conversation and hold `inbox.reply` on its number.
 * A refused send (not allowed, window closed, inactive number, bad parameters…) comes back as a
 * translated notice, and nothing is queued.
 */
function conversationSendAction(
  context: PluginContext,
  spec: {
    name: string;
    icon: string;
    component: string;
    load: (conversationId: string) => Promise<Record<string, unknown>>;
    /** Queues the message, or answers the notice key that says why the request is not usable. */
    send: (conversationId: string, payload: Record<string, unknown>, actor: InboxActor) => Promise<string | void>;
    queuedKey: string;
  },
): Action<ActionResponse> {
  return {
    name: spec.name,
    actionType: 'record',
    icon: spec.icon,
    component: spec.component,
    isAccessible: onVisibleConversation('inbox.reply'),
    handler: async (request: ActionRequest, _response, actionContext): Promise<ConversationSendAnswer> => {
      const record = actionContext.record!;
      const conversationId = String(record.id());
      const base = { record: record.toJSON(actionContext.currentAdmin) };
      if (request.method !== 'post') return { ...base, ...(await spec.load(conversationId)) };
      try {
        const unusable = await spec.send(conversationId, request.payload ?? {}, actorOf(actionContext.currentAdmin));
        if (unusable) return { ...base, notice: { message: unusable, type: 'error' } };
      } catch (error) {
        return { ...base, notice: refusalNotice(error) };
      }
      return { ...base, ...(await spec.load(conversationId)), notice: { message: spec.queuedKey, type: 'success' } };
    },
  };
}

/** Answer the customer: POST sends text, quoting a message when asked (the action's page is the conversation view, which reads the timeline itself). */
export function replyAction(context: PluginContext, component: string): Action<ActionResponse> {
  return conversationSendAction(context, {
    name: 'reply',
    icon: 'Send',
    component,
    load: async () => ({}),
    send: async (conversationId, payload, actor) => {
      const text = typeof payload.text === 'string' ? payload.text.trim() : '';
      if (!text) return 'replyEmpty';
      const replyToMessageId = typeof payload.replyToMessageId === 'string' && payload.replyToMessageId !== '' ? payload.replyToMessageId : null;
      await reply(context, { conversationId, text, actor, replyToMessageId });
    },
    queuedKey: 'replyQueued',
  });
}

/**
 * Send an approved template (the only message allowed outside the 24-hour window): the view lists
 * the number's approved templates with their named parameters; POST queues one after checking the
 * values fill its parameters exactly.
 */
export function sendTemplateAction(context: PluginContext, component: string): Action<ActionResponse> {
  return conversationSendAction(context, {
    name: 'sendTemplate',
    icon: 'FileText',
    component,
    load: async (conversationId): Promise<SendTemplatePage> => ({ templates: await sendableTemplates(context.dataSource, conversationId) }),
    send: async (conversationId, payload, actor) => {
      let values: Record<string, TemplateParameterValue>;
      try {
        values = JSON.parse(String(payload.values ?? '{}'));
      } catch {
        return 'outbound.refusal.templateParameters';
      }
      await sendTemplate(context, { conversationId, templateId: String(payload.templateId ?? ''), values, actor });
    },
    queuedKey: 'templateQueued',
  });
}

/** Unread count to zero and, where the number allows, a read receipt at Meta; best effort, logged on failure. */
async function markRead(context: PluginContext, conversationId: string): Promise<void> {
  await markConversationRead(context, conversationId).catch((error: unknown) =>
    context.logger.warn('could not mark the conversation read', { conversationId, error: String(error) }),
  );
}

/**
 * An agent opened the conversation page: its unread count drops to
 * zero and, if the number is set to, the customer sees blue ticks; the agent's @mentions in it are seen. Best effort and only when
 * something was unread, so re-opening does not call Meta again.
 */
export function markReadWhenOpened(context: PluginContext): After<ActionResponse> {
  return async (response, _request, actionContext) => {
    const conversationId = response.record?.id;
    if (!conversationId) return response;
    await markRead(context, String(conversationId));
    const agent = signedInAgent(actionContext.currentAdmin);
    if (agent) {
      await markMentionsSeen(context, String(conversationId), agent.id).catch((error: unknown) =>
        context.logger.warn('could not mark mentions seen', { conversationId, error: String(error) }),
      );
    }
    return response;
  };
}

/**
 * The agent is looking at the conversation when the customer writes: the view POSTs this so the
 * new message does not stay unread (a GET never changes anything).
 */
export function markReadAction(context: PluginContext): Action<ActionResponse> {
  return {
    name: 'markRead',
    actionType: 'record',
    isVisible: false,
    isAccessible: onVisibleConversation(),
    handler: async (request: ActionRequest, _response, actionContext) => {
      const record = actionContext.record!;
      if (request.method === 'post') await markRead(context, String(record.id()));
      return { record: record.toJSON(actionContext.currentAdmin) };
    },
  };
}
