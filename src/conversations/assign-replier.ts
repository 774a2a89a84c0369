import type { EntityManager } from 'typeorm';
import { InboxNotifications } from '../db/notify.js';
import { queryOne } from '../db/sql.js';
import { emitConversationEvents } from '../events/emit-event.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { LockedConversation } from './conversation-access.js';
import { recordAudit } from './conversation-change.js';

/**
 * The agent answering an unassigned conversation takes it, when its number is set so
 * (`assign_on_reply`, on by default, as in Chatwoot): the list then shows who handles it and
 * nobody else answers twice. Runs in the send's transaction, on the conversation it locked.
 */
export async function assignReplierIfUnassigned(manager: EntityManager, conversation: LockedConversation, actor: InboxActor): Promise<boolean> {
  if (conversation.assigneeId !== null) return false;
  const assigned = await queryOne<{ id: string }>(
    manager,
    `UPDATE whatsapp_conversations c SET assignee_id = $2, updated_at = now()
       FROM whatsapp_accounts a
      WHERE c.id = $1 AND a.id = c.account_id AND a.assign_on_reply AND c.assignee_id IS NULL
      RETURNING c.id`,
    [conversation.id, actor.id],
  );
  if (!assigned) return false;
  conversation.assigneeId = actor.id;
  const details = { assigneeId: actor.id, previousAssigneeId: null, reason: 'replied' };
  await recordAudit(manager, conversation.id, actor.id, { kind: 'assigned', details });
  // Hosts hear of this assignment as of any other (conversation-change.ts does the same).
  await emitConversationEvents(manager, 'conversation.assigned', [conversation.id], { ...details, actorId: actor.id });
  const notifications = new InboxNotifications();
  notifications.add({ kind: 'conversation.updated', accountId: conversation.accountId, conversationId: conversation.id });
  await notifications.emit(manager);
  return true;
}
