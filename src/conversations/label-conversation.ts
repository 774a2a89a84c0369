import { isUuid } from '../domain/uuid.js';
import { queryRows } from '../db/sql.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { inBulk, type BulkOutcome } from './bulk.js';
import { changeConversation, type ConversationOutcome } from './conversation-change.js';
import { LabelRefusal } from './label-refusal.js';

/** Labels to put on and take off, by id. */
export interface LabelChange {
  add?: readonly string[];
  remove?: readonly string[];
}

/**
 * Puts labels on a conversation and takes others off (`inbox.reply` on its number: whoever
 * answers the customer files the conversation). One transaction under the conversation's lock;
 * the audit row names the labels as they were called then ("added VIP"), and the live inbox hears
 * of it. A label already on (or already off) changes nothing; an unknown label is refused.
 */
export async function labelConversation(context: PluginContext, input: { conversationId: string; actor: InboxActor } & LabelChange): Promise<ConversationOutcome> {
  const add = [...new Set(input.add ?? [])];
  const remove = [...new Set(input.remove ?? [])].filter((id) => !add.includes(id));
  return changeConversation(context, { conversationId: input.conversationId, actor: input.actor, permission: 'inbox.reply' }, async (tx, conversation, actor) => {
    const ids = [...add, ...remove];
    if (!ids.every(isUuid)) throw LabelRefusal.of('label-not-found');
    const known = await queryRows<{ id: string; name: string }>(tx.manager, `SELECT id, name FROM whatsapp_labels WHERE id = ANY($1::uuid[])`, [ids]);
    if (known.length !== ids.length) throw LabelRefusal.of('label-not-found');
    const added = await queryRows<{ label_id: string }>(
      tx.manager,
      `INSERT INTO whatsapp_conversation_labels (conversation_id, label_id, added_by_id)
       SELECT $1, unnest($2::uuid[]), $3 ON CONFLICT DO NOTHING RETURNING label_id`,
      [conversation.id, add, actor.id || null],
    );
    const removed = await queryRows<{ label_id: string }>(
      tx.manager,
      `DELETE FROM whatsapp_conversation_labels WHERE conversation_id = $1 AND label_id = ANY($2::uuid[]) RETURNING label_id`,
      [conversation.id, remove],
    );
    if (added.length === 0 && removed.length === 0) return null;
    const nameOf = (row: { label_id: string }) => known.find((label) => label.id === row.label_id)!.name;
    await queryRows(tx.manager, `UPDATE whatsapp_conversations SET updated_at = now() WHERE id = $1`, [conversation.id]);
    return { kind: 'labels_changed', details: { added: added.map(nameOf).sort(), removed: removed.map(nameOf).sort() } };
  });
}

/** The bulk form, from the list: the same change on each selected conversation, each on its own. */
export async function labelConversations(
  context: PluginContext,
  input: { conversationIds: readonly string[]; actor: InboxActor } & LabelChange,
): Promise<BulkOutcome> {
  return inBulk(input.conversationIds, (conversationId) => labelConversation(context, { ...input, conversationId }));
}
