import type { DataSource } from 'typeorm';
import { queryOne } from '../db/sql.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { visibleConversationsPredicate } from '../permissions/visible-conversations.js';

/**
 * The admin's @mentions they have not seen yet (seen by opening the conversation), in the
 * conversations they may still see: a conversation reassigned away takes its mentions with it.
 */
export async function countUnseenMentions(dataSource: DataSource, admin: InboxActor): Promise<number> {
  const visible = visibleConversationsPredicate(admin, 'c', 1);
  const row = await queryOne<{ count: number }>(
    dataSource,
    `SELECT count(*)::int AS count FROM whatsapp_mentions m JOIN whatsapp_conversations c ON c.id = m.conversation_id
      WHERE m.agent_id = $1 AND m.seen_at IS NULL AND ${visible.sql}`,
    [admin.id, ...visible.params],
  );
  return row?.count ?? 0;
}
