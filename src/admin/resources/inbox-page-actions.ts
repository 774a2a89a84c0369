import type { Action, ActionRequest, ActionResponse, NoticeMessage } from 'adminjs';
import { parseInboxFilters } from '../../domain/inbox-filters.js';
import { countInbox, INBOX_PAGE_SIZE, listInbox, type InboxCounts, type InboxPage } from '../../conversations/read/inbox-list.js';
import { searchInbox, type InboxSearchAnswer } from '../../conversations/read/inbox-search.js';
import { loadInboxSetup, type InboxSetup as InboxChoices } from '../../conversations/read/inbox-setup.js';
import { loadNumberHealthWarnings, type NumberHealthWarning } from '../../reports/number-health-warnings.js';
import { deleteSavedView, saveView, savedViewsOf, type SavedView } from '../../conversations/saved-views.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { defaultKeywordRules } from '../../inbound/default-keyword-rules.js';
import { holding } from '../access.js';
import { refusalNotice } from '../refusal-notice.js';
import { actorOf } from './conversation-workflow-actions.js';

export type { InboxCounts, InboxPage, InboxSearchAnswer, SavedView };

/** The Inbox page's setup: its choices, and the agent's numbers that cannot send or that Meta warned about (the banner). */
export type InboxSetup = InboxChoices & { numberHealth: NumberHealthWarning[] };

/** What saving or deleting a view answers: the agent's views as they now are. */
export type SavedViewsAnswer = { savedViews: SavedView[]; notice?: NoticeMessage };

/** Filters travel as JSON text; anything unreadable is the default view. */
function filtersFrom(text: unknown) {
  try {
    return parseInboxFilters(typeof text === 'string' ? JSON.parse(text) : {});
  } catch {
    return parseInboxFilters({});
  }
}

/** The list's query string: `filters` (JSON), and `cursor` for the next page or `ids` (comma-separated) to read rows again. */
function listQuery(query: Record<string, unknown> | undefined) {
  const ids = typeof query?.ids === 'string' ? query.ids.split(',').filter(Boolean) : undefined;
  const cursor = typeof query?.cursor === 'string' ? query.cursor : null;
  return { filters: filtersFrom(query?.filters), ids, cursor };
}

/**
 * The Inbox page's data, as actions of the conversations resource (so the plugin's guard loads
 * the agent and checks the origin of every change): the page's setup, a page of the list, the
 * tabs' counts, the search, and the agent's saved views. Read-only on GET; the handlers only
 * translate the request for the read models and use cases.
 */
export function inboxPageActions(context: PluginContext): Record<string, Action<ActionResponse>> {
  const hidden = { actionType: 'resource' as const, component: false as const, isVisible: false, isAccessible: holding('inbox.view') };
  const intents = () => (context.options.keywordRules ?? defaultKeywordRules()).map((rule) => rule.intent);
  return {
    inboxSetup: {
      ...hidden,
      name: 'inboxSetup',
      handler: async (_request, _response, { currentAdmin }): Promise<InboxSetup> => {
        const actor = actorOf(currentAdmin);
        const [choices, numberHealth] = await Promise.all([
          loadInboxSetup(context.dataSource, actor, intents()),
          loadNumberHealthWarnings(context.dataSource, actor),
        ]);
        return { ...choices, numberHealth };
      },
    },
    inboxList: {
      ...hidden,
      name: 'inboxList',
      handler: async (request: ActionRequest, _response, { currentAdmin }): Promise<InboxPage> => {
        const { filters, ids, cursor } = listQuery(request.query);
        const limit = ids ? Math.min(ids.length, INBOX_PAGE_SIZE) : INBOX_PAGE_SIZE;
        return listInbox(context.dataSource, actorOf(currentAdmin), filters, ids ? { ids, limit } : { cursor, limit });
      },
    },
    inboxCounts: {
      ...hidden,
      name: 'inboxCounts',
      handler: async (request: ActionRequest, _response, { currentAdmin }): Promise<InboxCounts> =>
        countInbox(context.dataSource, actorOf(currentAdmin), listQuery(request.query).filters),
    },
    inboxSearch: {
      ...hidden,
      name: 'inboxSearch',
      handler: async (request: ActionRequest, _response, { currentAdmin }): Promise<InboxSearchAnswer> => {
        const text = (name: string) => (typeof request.query?.[name] === 'string' ? String(request.query[name]) : undefined);
        return searchInbox(context.dataSource, actorOf(currentAdmin), {
          query: (text('q') ?? '').slice(0, 200),
          accountId: text('accountId'),
          messagesAfter: text('after') ?? null,
          defaultRegion: context.options.defaultRegion,
        });
      },
    },
    saveView: {
      ...hidden,
      name: 'saveView',
      handler: async (request: ActionRequest, _response, { currentAdmin }): Promise<SavedViewsAnswer> => {
        const actor = actorOf(currentAdmin);
        if (request.method !== 'post') return { savedViews: await savedViewsOf(context.dataSource, actor) };
        let notice: NoticeMessage = { message: 'savedViews.saved', type: 'success' };
        try {
          await saveView(context.dataSource, actor, { name: request.payload?.name, filters: filtersFrom(request.payload?.filters) });
        } catch (error) {
          notice = refusalNotice(error);
        }
        return { savedViews: await savedViewsOf(context.dataSource, actor), notice };
      },
    },
    deleteView: {
      ...hidden,
      name: 'deleteView',
      handler: async (request: ActionRequest, _response, { currentAdmin }): Promise<SavedViewsAnswer> => {
        const actor = actorOf(currentAdmin);
        if (request.method === 'post') await deleteSavedView(context.dataSource, actor, request.payload?.viewId);
        return { savedViews: await savedViewsOf(context.dataSource, actor) };
      },
    },
  };
}
