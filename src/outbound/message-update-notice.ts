import { INBOX_CHANNEL } from '../inbox/inbox-notifications.js';

/**
 * A select-list expression that tells the live inbox a message changed, in the same shape as
 * InboxNotifications (`message.updated`), inside the statement that changed it: no extra round
 * trip on the send path, and like any NOTIFY it is delivered only if the change commits.
 * `row` names a relation with `id` and `conversation_id`; `accountIdParam` a uuid parameter or column.
 */
export function messageUpdatedNotice(row: string, accountIdParam: string): string {
  return `pg_notify('${INBOX_CHANNEL}', json_build_object(
    'kind', 'message.updated', 'accountId', ${accountIdParam}::uuid, 'conversationId', ${row}.conversation_id, 'messageId', ${row}.id)::text)`;
}
