import type { Action, ActionRequest, ActionResponse, NoticeMessage, RecordJSON } from 'adminjs';
import type { InteractiveMessage } from '../../conversations/send-interactive.js';
import { sendInteractive } from '../../conversations/send-interactive.js';
import { addNote } from '../../conversations/add-note.js';
import { reactToMessage } from '../../conversations/react-to-message.js';
import { cancelScheduledMessage, scheduleMessage, type ScheduledContent } from '../../conversations/scheduled-messages.js';
import { snoozeConversation, unsnoozeConversation } from '../../conversations/snooze-conversation.js';
import { cannedRepliesFor, type CannedReplyChoice } from '../../conversations/read/canned-replies.js';
import { loadConversationNotes, loadScheduledMessages, type NoteView, type ScheduledMessageView } from '../../conversations/read/conversation-notes.js';
import { mentionableAgents, type Mentionable } from '../../conversations/read/mentionable-agents.js';
import { withReader } from '../../conversations/read/conversation-timeline.js';
import type { Permission } from '../../permissions/permission-names.js';
import type { InboxActor } from '../../permissions/permission-snapshot.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { onVisibleConversation } from '../access.js';
import { refusalNotice } from '../refusal-notice.js';
import { actorOf } from './conversation-workflow-actions.js';

type Payload = Record<string, unknown>;

/** What the composer shows beside the reply box: the agent's canned replies, who a note can mention, the notes and the scheduled messages. */
export type ComposerAnswer = {
  record: RecordJSON;
  cannedReplies: CannedReplyChoice[];
  mentionables: Mentionable[];
  notes: NoteView[];
  scheduled: ScheduledMessageView[];
};

/** A composer POST's answer: a notice when it was refused (nothing was done), or the success key. */
export type ComposerPostAnswer = { record: RecordJSON; notice?: NoticeMessage };

/** A form field holding JSON (the composer posts structured values this way); undefined when it is not JSON. */
function json<T>(value: unknown): T | undefined {
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as T;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function date(value: unknown): Date | null {
  const parsed = typeof value === 'string' && value !== '' ? new Date(value) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : null;
}

/**
 * A composer action: POST only does something (a GET changes nothing), as the signed-in agent,
 * through its use case, which checks everything again under the conversation's lock. A refusal
 * comes back as a translated notice.
 */
function composerPost(
  name: string,
  permission: Permission | undefined,
  run: (conversationId: string, payload: Payload, actor: InboxActor) => Promise<string | void>,
): Action<ActionResponse> {
  return {
    name,
    actionType: 'record',
    component: false,
    isVisible: false,
    isAccessible: onVisibleConversation(permission),
    handler: async (request: ActionRequest, _response, actionContext): Promise<ComposerPostAnswer> => {
      const record = actionContext.record!;
      const base = { record: record.toJSON(actionContext.currentAdmin) };
      if (request.method !== 'post') return base;
      try {
        const unusable = await run(String(record.id()), request.payload ?? {}, actorOf(actionContext.currentAdmin));
        if (unusable) return { ...base, notice: { message: unusable, type: 'error' } };
      } catch (error) {
        return { ...base, notice: refusalNotice(error) };
      }
      return base;
    },
  };
}

/** The composer's data (GET `composer`) and what it does besides sending text and templates. */
export function composerActions(context: PluginContext): Record<string, Action<ActionResponse>> {
  return {
    composer: {
      name: 'composer',
      actionType: 'record',
      component: false,
      isVisible: false,
      isAccessible: onVisibleConversation(),
      handler: async (_request, _response, actionContext): Promise<ComposerAnswer> => {
        const record = actionContext.record!;
        const conversationId = String(record.id());
        const actor = actorOf(actionContext.currentAdmin);
        const conversation = { accountId: String(record.params.accountId), assigneeId: (record.params.assigneeId as string | null) || null };
        return withReader(context.dataSource, async (manager) => ({
          record: record.toJSON(actionContext.currentAdmin),
          cannedReplies: await cannedRepliesFor(manager, { conversationId, agentId: actor.id }),
          mentionables: (await mentionableAgents(manager, conversation)).filter((agent) => agent.id !== actor.id),
          notes: await loadConversationNotes(manager, conversationId),
          scheduled: await loadScheduledMessages(manager, conversationId),
        }));
      },
    },
    sendInteractive: composerPost('sendInteractive', 'inbox.reply', async (conversationId, payload, actor) => {
      const interactive = json<InteractiveMessage>(payload.interactive);
      if (!interactive) return 'outbound.refusal.invalidMessage';
      await sendInteractive(context, { conversationId, interactive, actor, replyToMessageId: text(payload.replyToMessageId) || null });
    }),
    react: composerPost('react', 'inbox.reply', async (conversationId, payload, actor) => {
      await reactToMessage(context, { conversationId, messageId: text(payload.messageId), emoji: text(payload.emoji), actor });
    }),
    addNote: composerPost('addNote', undefined, async (conversationId, payload, actor) => {
      await addNote(context, { conversationId, body: text(payload.body), mentions: json<string[]>(payload.mentions) ?? [], actor });
    }),
    snooze: composerPost('snooze', 'inbox.reply', async (conversationId, payload, actor) => {
      await snoozeConversation(context, { conversationId, until: date(payload.until), actor });
    }),
    unsnooze: composerPost('unsnooze', 'inbox.reply', async (conversationId, _payload, actor) => {
      await unsnoozeConversation(context, { conversationId, actor });
    }),
    scheduleMessage: composerPost('scheduleMessage', 'inbox.reply', async (conversationId, payload, actor) => {
      const content = json<ScheduledContent>(payload.content);
      const sendAt = date(payload.sendAt);
      if (!content || (content.kind !== 'text' && content.kind !== 'interactive')) return 'outbound.refusal.invalidMessage';
      if (!sendAt) return 'inbox.refusal.scheduleInThePast';
      await scheduleMessage(context, { conversationId, sendAt, content, actor });
    }),
    cancelScheduled: composerPost('cancelScheduled', 'inbox.reply', async (_conversationId, payload, actor) => {
      await cancelScheduledMessage(context, { scheduledId: text(payload.scheduledId), actor });
    }),
  };
}
