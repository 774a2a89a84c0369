import { inTransaction } from '../db/transaction.js';
import { InboxNotifications } from '../db/notify.js';
import { queryOne, queryRows } from '../db/sql.js';
import { characterCount } from '../domain/message-limits.js';
import { canSeeConversation, type InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { activeAdmins } from './active-agents.js';
import { lockAuthorized } from './conversation-access.js';
import { recordAudit } from './conversation-change.js';
import { WorkflowRefusal } from './workflow-refusal.js';

/** A note is for colleagues, not a document: as long as the longest WhatsApp text. */
export const MAX_NOTE_CHARACTERS = 4096;

export interface AddNoteInput {
  conversationId: string;
  body: string;
  /** Agents @mentioned: each one who may see the conversation is told, live, and counts it until they open it. */
  mentions?: readonly string[];
  actor: InboxActor;
}

/**
 * A private note in the conversation's thread, for colleagues only: it is stored apart from the
 * messages, so nothing can ever send it to the customer. Whoever may see the conversation may
 * write one. The mentioned agents who may see the conversation (the author aside) get a live
 * notification and one more unseen mention.
 */
export async function addNote(context: PluginContext, input: AddNoteInput): Promise<{ noteId: string; mentioned: string[] }> {
  const body = input.body.trim();
  if (!body) throw WorkflowRefusal.of('note-empty');
  if (characterCount(body) > MAX_NOTE_CHARACTERS) throw WorkflowRefusal.of('note-too-long', { max: MAX_NOTE_CHARACTERS });
  return inTransaction(context.dataSource, async (tx) => {
    const { conversation, actor } = await lockAuthorized(tx.manager, { conversationId: input.conversationId, actor: input.actor, permission: 'inbox.view' });
    const asked = [...new Set(input.mentions ?? [])].filter((id) => id !== actor.id);
    const mentioned = asked.length ? (await activeAdmins(tx.manager, asked)).filter((admin) => canSeeConversation(admin.actor, conversation)).map((admin) => admin.id) : [];
    const note = await queryOne<{ id: string }>(
      tx.manager,
      `INSERT INTO whatsapp_conversation_notes (conversation_id, author_id, body, created_at) VALUES ($1, $2, $3, clock_timestamp()) RETURNING id`,
      [conversation.id, actor.id, body],
    );
    const noteId = note!.id;
    if (mentioned.length) {
      await queryRows(
        tx.manager,
        `INSERT INTO whatsapp_mentions (note_id, conversation_id, agent_id) SELECT $1, $2, unnest($3::text[])`,
        [noteId, conversation.id, mentioned],
      );
    }
    await recordAudit(tx.manager, conversation.id, actor.id, { kind: 'note_added', details: { noteId, mentioned } });
    const notifications = new InboxNotifications();
    notifications.add({ kind: 'note.created', accountId: conversation.accountId, conversationId: conversation.id, noteId, agentIds: mentioned });
    await notifications.emit(tx.manager);
    return { noteId, mentioned };
  });
}

/** The agent opened the conversation: their mentions in it are seen, and their count says so live. */
export async function markMentionsSeen(context: PluginContext, conversationId: string, agentId: string): Promise<number> {
  return inTransaction(context.dataSource, async (tx) => {
    const seen = await queryRows<{ account_id: string }>(
      tx.manager,
      `UPDATE whatsapp_mentions m SET seen_at = now() FROM whatsapp_conversations c
        WHERE m.conversation_id = $1 AND m.agent_id = $2 AND m.seen_at IS NULL AND c.id = m.conversation_id
        RETURNING c.account_id`,
      [conversationId, agentId],
    );
    if (seen.length) {
      const notifications = new InboxNotifications();
      notifications.add({ kind: 'mentions.seen', accountId: seen[0]!.account_id, conversationId, agentIds: [agentId] });
      await notifications.emit(tx.manager);
    }
    return seen.length;
  });
}
