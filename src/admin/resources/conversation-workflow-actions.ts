import type { Action, ActionContext, ActionRequest, ActionResponse, BaseRecord, CurrentAdmin, NoticeMessage, RecordJSON } from 'adminjs';
import { onVisibleConversation } from '../access.js';
import { assignConversation, assignConversations } from '../../conversations/assign-conversation.js';
import type { BulkOutcome } from '../../conversations/bulk.js';
import type { ConversationOutcome } from '../../conversations/conversation-change.js';
import { createLeadFromConversation, leadPrefill, type LeadPrefill } from '../../conversations/create-lead-from-conversation.js';
import { assigneesFor, eligibleAssignees, type Assignee } from '../../conversations/eligible-assignees.js';
import type { LeadDraft } from '../../conversations/lead-draft.js';
import { linkLead } from '../../conversations/link-lead.js';
import { refusalNotice } from '../refusal-notice.js';
import { reopenConversation } from '../../conversations/reopen-conversation.js';
import { resolveConversation, resolveConversations } from '../../conversations/resolve-conversation.js';
import { searchLeads, type LeadSummary } from '../../conversations/search-leads.js';
import { unassignConversation } from '../../conversations/unassign-conversation.js';
import { unlinkLead } from '../../conversations/unlink-lead.js';
import type { Permission } from '../../permissions/permission-names.js';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { canSeeConversation, holds, NO_PERMISSIONS, type InboxActor } from '../../permissions/permission-snapshot.js';
import type { PluginContext } from '../../context/plugin-context.js';
import type { WhatsAppComponents } from '../components.js';
import { withConversationSummaries } from './conversation-summaries.js';

type Payload = Record<string, unknown>;

/** What the assign page (and the side panel's assign form) offers: who may take the conversation. */
export type AssignPage = { assignees: Assignee[] };
/** The leads matching `?q=` (the latest ones without it). */
export type LinkLeadPage = { leads: LeadSummary[] };
export type CreateLeadPage = { prefill: LeadPrefill };

/** A conversation action's answer: the conversation as it now is, its page's data on GET, a notice after a POST or a refusal. */
export type ConversationActionAnswer<Page = unknown> = { record: RecordJSON; notice?: NoticeMessage } & Partial<Page>;

/** A bulk action's answer: the selected conversations the admin may see, the page's data on GET, the counts' notice after a POST. */
export type BulkConversationAnswer<Page = unknown> = { records: RecordJSON[]; notice?: NoticeMessage } & Partial<Page>;

/** The signed-in agent as the use cases know them; nobody loaded holds nothing. */
export function actorOf(currentAdmin: CurrentAdmin | undefined): InboxActor {
  return signedInAgent(currentAdmin) ?? { id: '', permissions: NO_PERMISSIONS };
}

function conversationOf(record: BaseRecord): { accountId: string; assigneeId: string | null } {
  return { accountId: String(record.params.accountId ?? ''), assigneeId: (record.params.assigneeId as string | null | undefined) || null };
}

interface RecordActionSpec {
  name: string;
  icon: string;
  component: string;
  permission: Permission;
  /** When the button makes sense for the conversation as it is (the action still answers a POST with "unchanged"). */
  showWhen?: (params: Record<string, unknown>) => boolean;
  /** What the action's page needs, on GET. */
  load?: (conversationId: string, request: ActionRequest, actor: InboxActor) => Promise<Payload>;
  change: (conversationId: string, payload: Payload, actor: InboxActor) => Promise<ConversationOutcome>;
  /** Notice keys: the change was made, or the conversation already was as asked (absent when the use case refuses instead). */
  changedKey: string;
  unchangedKey?: string;
}

/**
 * A conversation action: GET loads its page and changes nothing; POST runs the use case and
 * answers the conversation as it now is, with a notice (made, already so, or refused and why).
 */
function conversationAction(context: PluginContext, spec: RecordActionSpec): Action<ActionResponse> {
  return {
    name: spec.name,
    actionType: 'record',
    icon: spec.icon,
    component: spec.component,
    // Hides the buttons an admin would be refused; the use case decides, on what it reads under the row lock.
    isAccessible: onVisibleConversation(spec.permission),
    ...(spec.showWhen ? { isVisible: ({ record }: ActionContext) => !record || spec.showWhen!(record.params) } : {}),
    after: withConversationSummaries(context.dataSource),
    handler: async (request, _response, actionContext): Promise<ConversationActionAnswer> => {
      const record = actionContext.record!;
      const conversationId = String(record.id());
      const actor = actorOf(actionContext.currentAdmin);
      if (request.method !== 'post') {
        let page: Payload = {};
        try {
          page = spec.load ? await spec.load(conversationId, request, actor) : {};
        } catch (error) {
          return { record: record.toJSON(actionContext.currentAdmin), notice: refusalNotice(error) };
        }
        return { record: record.toJSON(actionContext.currentAdmin), ...page };
      }
      let notice: NoticeMessage;
      try {
        const outcome = await spec.change(conversationId, request.payload ?? {}, actor);
        notice = { message: outcome.changed ? spec.changedKey : (spec.unchangedKey ?? spec.changedKey), type: 'success' };
      } catch (error) {
        notice = refusalNotice(error);
      }
      const fresh = await actionContext.resource.findOne(conversationId, actionContext);
      return { record: (fresh ?? record).toJSON(actionContext.currentAdmin), notice };
    },
  };
}

interface BulkActionSpec {
  name: string;
  icon: string;
  component: string;
  permission: Permission;
  load?: (records: BaseRecord[]) => Promise<Payload>;
  change: (conversationIds: string[], payload: Payload, actor: InboxActor) => Promise<BulkOutcome>;
  /** Notice key, with {{changed}}, {{unchanged}} and {{refused}}. */
  doneKey: string;
}

/**
 * A bulk conversation action. AdminJS would refuse the whole selection if one record failed
 * `isAccessible`, so the button needs the permission somewhere and each conversation is checked
 * on its own by the use case; the answer counts what changed and what was refused. Only
 * conversations the admin may see are sent back.
 */
function bulkConversationAction(context: PluginContext, spec: BulkActionSpec): Action<ActionResponse> {
  return {
    name: spec.name,
    actionType: 'bulk',
    icon: spec.icon,
    component: spec.component,
    isAccessible: ({ currentAdmin }) => holds(signedInAgent(currentAdmin), spec.permission),
    after: withConversationSummaries(context.dataSource),
    handler: async (request, _response, actionContext): Promise<BulkConversationAnswer> => {
      const { currentAdmin } = actionContext;
      const seen = (records: BaseRecord[]) => records.filter((record) => canSeeConversation(signedInAgent(currentAdmin), conversationOf(record)));
      const selected = actionContext.records ?? [];
      if (request.method !== 'post') {
        const shown = seen(selected);
        return { records: shown.map((record) => record.toJSON(currentAdmin)), ...(spec.load ? await spec.load(shown) : {}) };
      }
      const ids = selected.map((record) => String(record.id()));
      const outcome = await spec.change(ids, request.payload ?? {}, actorOf(currentAdmin));
      const fresh = await actionContext.resource.findMany(ids, actionContext);
      return {
        records: seen(fresh).map((record) => record.toJSON(currentAdmin)),
        notice: {
          message: spec.doneKey,
          type: outcome.refused > 0 ? 'error' : 'success',
          // `count` picks the plural form in each language (Arabic has six).
          options: { count: outcome.changed, unchanged: outcome.unchanged, refused: outcome.refused },
        },
      };
    },
  };
}

/** `'me'` or nothing: the admin takes the conversation. */
function assigneeFrom(payload: Payload, actor: InboxActor): string {
  const asked = typeof payload.assigneeId === 'string' ? payload.assigneeId.trim() : '';
  return asked === '' || asked === 'me' ? actor.id : asked;
}

/** assign, unassign, resolve, reopen, linkLead, unlinkLead, createLead, and bulkAssign / bulkResolve on the list. */
export function conversationWorkflowActions(context: PluginContext, components: WhatsAppComponents): Record<string, Action<ActionResponse>> {
  const confirm = components.confirmAction;
  return {
    assign: conversationAction(context, {
      name: 'assign',
      icon: 'UserPlus',
      component: components.assignConversation,
      permission: 'inbox.assign',
      load: async (conversationId): Promise<AssignPage> => ({ assignees: await eligibleAssignees(context, conversationId) }),
      change: (conversationId, payload, actor) => assignConversation(context, { conversationId, assigneeId: assigneeFrom(payload, actor), actor }),
      changedKey: 'inbox.assigned',
      unchangedKey: 'inbox.unchanged.assign',
    }),
    unassign: conversationAction(context, {
      name: 'unassign',
      icon: 'UserMinus',
      component: confirm,
      permission: 'inbox.assign',
      showWhen: (params) => !!params.assigneeId,
      change: (conversationId, _payload, actor) => unassignConversation(context, { conversationId, actor }),
      changedKey: 'inbox.unassigned',
      unchangedKey: 'inbox.unchanged.unassign',
    }),
    resolve: conversationAction(context, {
      name: 'resolve',
      icon: 'CheckCircle',
      component: confirm,
      permission: 'inbox.resolve',
      showWhen: (params) => params.status !== 'resolved',
      change: (conversationId, _payload, actor) => resolveConversation(context, { conversationId, actor }),
      changedKey: 'inbox.resolved',
      unchangedKey: 'inbox.unchanged.resolve',
    }),
    reopen: conversationAction(context, {
      name: 'reopen',
      icon: 'RotateCcw',
      component: confirm,
      permission: 'inbox.resolve',
      showWhen: (params) => params.status === 'resolved',
      change: (conversationId, _payload, actor) => reopenConversation(context, { conversationId, actor }),
      changedKey: 'inbox.reopened',
      unchangedKey: 'inbox.unchanged.reopen',
    }),
    linkLead: conversationAction(context, {
      name: 'linkLead',
      icon: 'Link',
      component: components.linkLead,
      permission: 'leads.manage',
      load: async (_conversationId, request, actor): Promise<LinkLeadPage> => ({ leads: await searchLeads(context, { q: String(request.query?.q ?? ''), actor }) }),
      change: (conversationId, payload, actor) => linkLead(context, { conversationId, leadId: String(payload.leadId ?? ''), actor }),
      changedKey: 'inbox.leadLinked',
      unchangedKey: 'inbox.unchanged.linkLead',
    }),
    unlinkLead: conversationAction(context, {
      name: 'unlinkLead',
      icon: 'XCircle',
      component: confirm,
      permission: 'leads.manage',
      showWhen: (params) => !!params.leadId,
      change: (conversationId, _payload, actor) => unlinkLead(context, { conversationId, actor }),
      changedKey: 'inbox.leadUnlinked',
      unchangedKey: 'inbox.unchanged.unlinkLead',
    }),
    createLead: conversationAction(context, {
      name: 'createLead',
      icon: 'PlusCircle',
      component: components.createLead,
      permission: 'leads.manage',
      showWhen: (params) => !params.leadId,
      load: async (conversationId, _request, actor): Promise<CreateLeadPage> => ({ prefill: await leadPrefill(context, { conversationId, actor }) }),
      change: (conversationId, payload, actor) => createLeadFromConversation(context, { conversationId, lead: payload as LeadDraft, actor }),
      changedKey: 'inbox.leadCreated',
    }),
    bulkAssign: bulkConversationAction(context, {
      name: 'bulkAssign',
      icon: 'Users',
      component: components.assignConversation,
      permission: 'inbox.assign',
      load: async (records): Promise<AssignPage> => ({
        assignees: await assigneesFor(context.dataSource, [...new Set(records.map((record) => conversationOf(record).accountId))]),
      }),
      change: (conversationIds, payload, actor) => assignConversations(context, { conversationIds, assigneeId: assigneeFrom(payload, actor), actor }),
      doneKey: 'inbox.bulkAssigned',
    }),
    bulkResolve: bulkConversationAction(context, {
      name: 'bulkResolve',
      icon: 'CheckSquare',
      component: components.assignConversation,
      permission: 'inbox.resolve',
      change: (conversationIds, _payload, actor) => resolveConversations(context, { conversationIds, actor }),
      doneKey: 'inbox.bulkResolved',
    }),
  };
}
