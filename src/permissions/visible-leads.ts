import { numbersWith, type InboxActor } from './permission-snapshot.js';
import { parameters, type SqlPredicate } from './sql-predicate.js';
import { visibleConversationsPredicate } from './visible-conversations.js';

/**
 * The B2B leads an admin may read and change, as a predicate on a `b2b_leads` alias. A lead has
 * no number of its own: it belongs to the conversations it is linked to. With `leads.manage` on
 * every number, every lead; with it on some numbers, the leads linked to a conversation of those
 * numbers that the admin sees (the conversations' own visibility), the leads assigned to him, and
 * the leads linked to no conversation at all (the CRM's own, from its website or an import),
 * which belong to no number and are what agents link new conversations to.
 */
export function visibleLeadsPredicate(admin: InboxActor | undefined | null, alias: string, offset = 0): SqlPredicate {
  if (!admin) return { sql: 'FALSE', params: [] };
  const managed = numbersWith(admin, 'leads.manage');
  if (managed === 'all') return { sql: 'TRUE', params: [] };
  if (managed.length === 0) return { sql: 'FALSE', params: [] };
  const { params, param } = parameters(offset);
  const assigned = `${alias}.assignee_id = ${param(admin.id)}::text`;
  const numbers = param(managed);
  const seen = visibleConversationsPredicate(admin, 'lead_conversation', offset + params.length);
  params.push(...seen.params);
  return {
    sql: `(${assigned}
           OR NOT EXISTS (SELECT 1 FROM whatsapp_conversations linked WHERE linked.lead_id = ${alias}.id)
           OR EXISTS (
                SELECT 1 FROM whatsapp_conversations lead_conversation
                 WHERE lead_conversation.lead_id = ${alias}.id AND lead_conversation.account_id = ANY(${numbers}::uuid[]) AND ${seen.sql}))`,
    params,
  };
}
