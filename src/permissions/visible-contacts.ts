import { numbersWith, type InboxActor } from './permission-snapshot.js';
import { parameters, type SqlPredicate } from './sql-predicate.js';
import { visibleConversationsPredicate } from './visible-conversations.js';

/**
 * The contacts an admin may read (and rename), as a predicate on a `whatsapp_contacts` alias:
 * every contact of a number where he sees every conversation, and elsewhere the contacts of the
 * conversations he sees. A contact is as private as the conversations held with it.
 */
export function visibleContactsPredicate(admin: InboxActor | undefined | null, alias: string, offset = 0): SqlPredicate {
  if (!admin) return { sql: 'FALSE', params: [] };
  const all = numbersWith(admin, 'inbox.view_all');
  if (all === 'all') return { sql: 'TRUE', params: [] };
  const { params, param } = parameters(offset);
  const everyContact = all.length > 0 ? `${alias}.account_id = ANY(${param(all)}::uuid[]) OR ` : '';
  const seen = visibleConversationsPredicate(admin, 'contact_conversation', offset + params.length);
  params.push(...seen.params);
  return {
    sql: `(${everyContact}EXISTS (
            SELECT 1 FROM whatsapp_conversations contact_conversation
             WHERE contact_conversation.contact_id = ${alias}.id AND ${seen.sql}))`,
    params,
  };
}
