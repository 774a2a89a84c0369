import { flat, populator, type Action, type ActionContext, type ActionRequest, type ActionResponse } from 'adminjs';
import {
  CONVERSATION_SORTS,
  listConversations,
  type ConversationFilters,
  type ConversationSort,
} from '../../conversations/read/list-conversations.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { holding } from '../access.js';
import { actorOf } from './conversation-workflow-actions.js';
import { isAgentId } from '../../domain/agent-role.js';
import { isUuid } from '../../domain/uuid.js';

const PER_PAGE_LIMIT = 500;

/**
 * The conversations list and search, answered by one visibility-aware SQL query instead of
 * AdminJS's generic find: an agent without "view all" gets his and the unassigned conversations
 * of his numbers only, and the filters agents need (mine, unassigned, unread, any spelling of a
 * phone) exist.
 */
export function conversationListActions(context: PluginContext): { list: Partial<Action<ActionResponse>>; search: Partial<Action<ActionResponse>> } {
  const page = async (request: ActionRequest, actionContext: ActionContext, extraSearch?: string) => {
    const query = flat.unflatten(request.query ?? {}) as Record<string, unknown>;
    const perPage = Math.min(Number(query.perPage) || actionContext._admin.options.settings?.defaultPerPage || 10, PER_PAGE_LIMIT);
    const pageNumber = Math.max(Number(query.page) || 1, 1);
    const sort: ConversationSort = isSort(query.sortBy) ? query.sortBy : 'lastMessageAt';
    const direction: 'asc' | 'desc' = query.direction === 'asc' ? 'asc' : 'desc';
    const filters = parseFilters((query.filters ?? {}) as Record<string, unknown>);
    if (extraSearch) filters.search = extraSearch;
    const result = await listConversations(context.dataSource, actorOf(actionContext.currentAdmin), {
      filters,
      sort,
      direction,
      limit: perPage,
      offset: (pageNumber - 1) * perPage,
      defaultRegion: context.options.defaultRegion,
    });
    const records = await populator(
      result.rows.map((row) => actionContext.resource.build(row)),
      actionContext,
    );
    return { records: records.map((record) => record.toJSON(actionContext.currentAdmin)), total: result.total, perPage, pageNumber, sort, direction };
  };

  return {
    list: {
      isAccessible: holding('inbox.view'),
      handler: async (request, _response, actionContext) => {
        const { records, total, perPage, pageNumber, sort, direction } = await page(request, actionContext);
        return { records, meta: { total, perPage, page: pageNumber, sortBy: sort, direction } };
      },
    },
    search: {
      isAccessible: holding('inbox.view'),
      handler: async (request, _response, actionContext) => {
        const text = typeof request.params?.query === 'string' ? request.params.query : undefined;
        const { records } = await page(request, actionContext, text);
        return { records };
      },
    },
  };
}

function isSort(value: unknown): value is ConversationSort {
  return typeof value === 'string' && Object.hasOwn(CONVERSATION_SORTS, value);
}

/** AdminJS sends filters as strings; anything malformed is ignored rather than sent to SQL. */
function parseFilters(raw: Record<string, unknown>): ConversationFilters {
  const text = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim() : undefined);
  const id = (value: unknown) => (isUuid(value) ? value : undefined);
  const date = (value: unknown) => {
    const parsed = typeof value === 'string' && value ? new Date(value) : undefined;
    return parsed && !Number.isNaN(parsed.getTime()) ? parsed : undefined;
  };
  const range = (raw.lastMessageAt ?? {}) as Record<string, unknown>;
  return {
    status: text(raw.status),
    view: raw.view === 'mine' || raw.view === 'unassigned' ? raw.view : undefined,
    assigneeId: isAgentId(raw.assigneeId) ? raw.assigneeId : undefined,
    accountId: id(raw.accountId),
    unread: raw.unread === 'true' ? true : raw.unread === 'false' ? false : undefined,
    intent: text(raw.intent),
    label: text(raw.label),
    lastMessageFrom: date(range.from),
    lastMessageTo: date(range.to),
    search: text(raw.search),
  };
}
