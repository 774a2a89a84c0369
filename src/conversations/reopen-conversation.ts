import type { EntityManager } from 'typeorm';
import { queryOne, queryRows } from '../db/sql.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { changeConversation, type ConversationOutcome } from './conversation-change.js';
import type { LockedConversation } from './conversation-access.js';
import { WorkflowRefusal } from './workflow-refusal.js';

const LIVE_PER_CONTACT = 'uq_whatsapp_conversations_live_per_contact';

/**
 * Opens a resolved conversation again (`inbox.resolve`). A contact has at most one live
 * conversation per number (a unique index): when the customer already started a new one, the
 * agent is told which, and nothing changes.
 */
export async function reopenConversation(context: PluginContext, input: { conversationId: string; actor: InboxActor }): Promise<ConversationOutcome> {
  return changeConversation(context, { ...input, permission: 'inbox.resolve' }, async (tx, conversation) => {
    if (conversation.status !== 'resolved') return null;
    const live = await liveConversationOf(tx.manager, conversation);
    if (live) throw anotherLive(live);
    // A conversation the customer opens right now is not visible to the check above: the unique
    // index still refuses, and the savepoint keeps the transaction usable to say which one it is.
    await queryRows(tx.manager, 'SAVEPOINT reopen');
    try {
      await queryRows(tx.manager, `UPDATE whatsapp_conversations SET status = 'open', resolved_at = NULL, updated_at = now() WHERE id = $1`, [
        conversation.id,
      ]);
    } catch (error) {
      if (!isViolationOf(error, LIVE_PER_CONTACT)) throw error;
      await queryRows(tx.manager, 'ROLLBACK TO SAVEPOINT reopen');
      throw anotherLive(await liveConversationOf(tx.manager, conversation));
    }
    return { kind: 'reopened', details: {} };
  });
}

async function liveConversationOf(manager: EntityManager, conversation: LockedConversation): Promise<{ id: string } | undefined> {
  return queryOne<{ id: string }>(
    manager,
    `SELECT id FROM whatsapp_conversations WHERE account_id = $1 AND contact_id = $2 AND status <> 'resolved' AND id <> $3`,
    [conversation.accountId, conversation.contactId, conversation.id],
  );
}

function anotherLive(live: { id: string } | undefined): WorkflowRefusal {
  return WorkflowRefusal.of('another-conversation-live', live ? { conversationId: live.id } : {});
}

function isViolationOf(error: unknown, constraint: string): boolean {
  const cause = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? (error as { code?: string; constraint?: string });
  return cause?.code === '23505' && cause.constraint === constraint;
}
