import type { DataSource } from 'typeorm';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { visibleConversationsPredicate } from '../permissions/visible-conversations.js';

/**
 * The navigation's badge: conversations waiting for this admin — unread, not resolved, and
 * assigned to them or to nobody — among those they may see. One COUNT in the database.
 * Resolved conversations are left out: one resolved without being opened is no longer work; so
 * are snoozed ones until they come back.
 */
export async function countUnread(dataSource: DataSource, admin: InboxActor): Promise<number> {
  const visible = visibleConversationsPredicate(admin, 'c', 1);
  const [row] = (await dataSource.query(
    `SELECT count(*)::int AS count FROM whatsapp_conversations c
      WHERE c.unread_count > 0 AND c.status <> 'resolved' AND c.status <> 'snoozed'
        AND (c.assignee_id IS NULL OR c.assignee_id = $1::text)
        AND ${visible.sql}`,
    [admin.id, ...visible.params],
  )) as { count: number }[];
  return row?.count ?? 0;
}
