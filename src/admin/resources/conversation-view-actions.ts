import type { Action, ActionContext, ActionRequest, ActionResponse, RecordJSON } from 'adminjs';
import { loadConversationEvents, loadConversationPanel, type ConversationEventView, type ConversationPanel } from '../../conversations/read/conversation-panel.js';
import { loadTimelineMessages, loadTimelinePage, withReader, type TimelineMessage, type TimelineQuery } from '../../conversations/read/conversation-timeline.js';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { canSeeConversation } from '../../permissions/permission-snapshot.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { earlierConversations, type EarlierConversation } from '../../conversations/read/earlier-conversations.js';
import { actorOf } from './conversation-workflow-actions.js';

/** Only an admin who may see the conversation reaches its data; AdminJS answers the others with its forbidden notice. */
const mayOpen = ({ currentAdmin, record }: ActionContext): boolean =>
  !!record &&
  canSeeConversation(signedInAgent(currentAdmin), {
    accountId: String(record.params.accountId),
    assigneeId: (record.params.assigneeId as string | null | undefined) || null,
  });

/** `?before=<message id>` pages back, `?after=<message id>` reads what is newer; neither: the latest page. */
function timelineQuery(query: Record<string, unknown> | undefined): TimelineQuery {
  const before = typeof query?.before === 'string' ? query.before : '';
  const after = typeof query?.after === 'string' ? query.after : '';
  if (before) return { mode: 'before', messageId: before };
  if (after) return { mode: 'after', messageId: after };
  return { mode: 'latest' };
}

function refreshedIds(query: Record<string, unknown> | undefined): string[] {
  const ids = query?.ids;
  if (typeof ids === 'string') return ids.split(',').filter(Boolean);
  return Array.isArray(ids) ? ids.filter((id): id is string => typeof id === 'string') : [];
}

/** What the `timeline` action answers the conversation view. */
export type TimelineAnswer = {
  record: RecordJSON;
  /** One page, oldest first. */
  messages: TimelineMessage[];
  hasMore: boolean;
  /** The visible messages named by `ids`, read again. */
  updated: TimelineMessage[];
  panel: ConversationPanel | null;
  /** The newest entries of the audit trail, newest first. */
  events: ConversationEventView[];
};

/**
 * The data behind the conversation view, read-only whatever the method: `timeline` answers one
 * page of messages (oldest first, at most 50, each with its reactions and quoted message), the
 * side panel and the audit trail; `ids=a,b` re-reads visible messages a live update named.
 */
export function conversationViewActions(context: PluginContext): Record<string, Action<ActionResponse>> {
  return {
    timeline: {
      name: 'timeline',
      actionType: 'record',
      component: false,
      isVisible: false,
      isAccessible: mayOpen,
      handler: async (request: ActionRequest, _response, actionContext): Promise<TimelineAnswer> => {
        const record = actionContext.record!;
        const conversationId = String(record.id());
        const { page, updated, panel, events } = await withReader(context.dataSource, async (manager) => ({
          page: await loadTimelinePage(manager, conversationId, timelineQuery(request.query)),
          updated: await loadTimelineMessages(manager, conversationId, refreshedIds(request.query)),
          panel: await loadConversationPanel(manager, conversationId),
          events: await loadConversationEvents(manager, conversationId),
        }));
        return {
          record: record.toJSON(actionContext.currentAdmin),
          messages: page.messages,
          hasMore: page.hasMore,
          updated,
          panel,
          events,
        };
      },
    },
  };
}

/** What the side panel's history answers: the customer's other conversations the admin may see. */
export type EarlierConversationsAnswer = { record: RecordJSON; conversations: EarlierConversation[] };

/** The side panel's history of the customer (`earlierConversations`), read-only. */
export function earlierConversationsAction(context: PluginContext): Action<ActionResponse> {
  return {
    name: 'earlierConversations',
    actionType: 'record',
    component: false,
    isVisible: false,
    isAccessible: mayOpen,
    handler: async (_request, _response, { record, currentAdmin }): Promise<EarlierConversationsAnswer> => ({
      record: record!.toJSON(currentAdmin),
      conversations: await earlierConversations(context.dataSource, actorOf(currentAdmin), String(record!.id())),
    }),
  };
}
