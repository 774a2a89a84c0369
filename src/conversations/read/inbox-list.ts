import { WINDOW_CLOSING_HOURS, type InboxFilters } from '../../domain/inbox-filters.js';
import type { MessageDirection } from '../../domain/message-status.js';
import { SERVICE_WINDOW_MS } from '../../domain/service-window.js';
import { isUuid } from '../../domain/uuid.js';
import { queryOne, queryRows, type Queryable } from '../../db/sql.js';
import type { ConversationStatus } from '../../entities/whatsapp-conversation.entity.js';
import type { InboxActor } from '../../permissions/permission-snapshot.js';
import { visibleConversationsPredicate } from '../../permissions/visible-conversations.js';
import { labelsJson, type LabelView } from './conversation-labels.js';
import { decodeCursor, encodeCursor, type KeysetCursor } from './keyset-cursor.js';

/** One row of the Inbox page's conversation list. */
export interface InboxRow {
  id: string;
  accountId: string;
  status: ConversationStatus;
  contact: { name: string | null; phone: string | null };
  assignee: { id: string; name: string } | null;
  intent: string | null;
  labels: LabelView[];
  unreadCount: number;
  lastMessageAt: string | null;
  /** The newest message, for the row's preview. */
  lastMessage: { direction: MessageDirection; type: string; text: string | null; fileName: string | null; status: string; deleted: boolean } | null;
  /** When the customer's 24-hour window closes (null: the customer never wrote). */
  windowClosesAt: string | null;
  /** The customer wrote last: since when their first unanswered message waits. */
  waitingSince: string | null;
}

export interface InboxPage {
  rows: InboxRow[];
  /** Where the next page starts (opaque), or null at the end of the list. */
  next: string | null;
}

/** How many conversations each tab holds, with the other filters applied. */
export interface InboxCounts {
  mine: number;
  unassigned: number;
  all: number;
}

/** A page of the list: the first, the one after `cursor`, or the rows named by `ids` (read again after a live update). */
export type InboxListQuery = { limit: number } & ({ cursor?: string | null } | { ids: readonly string[] });

export const INBOX_PAGE_SIZE = 50;
/** A preview needs no more; the row cuts it again to its width. */
const PREVIEW_LENGTH = 160;

const ROW_SQL = `
  SELECT c.id, c.account_id, c.status, c.assignee_id, u.name AS assignee_name, c.intent, ${labelsJson('c')} AS labels,
         c.unread_count, c.last_message_at, c.last_message_at::text AS sort_at, c.last_inbound_at,
         COALESCE(ct.display_name, ct.profile_name) AS contact_name, COALESCE(ct.phone_e164, '+' || ct.wa_id) AS contact_phone,
         lm.direction AS last_direction, lm.type AS last_type, lm.deleted_at IS NOT NULL AS last_deleted,
         CASE WHEN lm.deleted_at IS NULL THEN left(lm.body, ${PREVIEW_LENGTH}) END AS last_text,
         lm.media_file_name AS last_file_name, lm.status AS last_status,
         -- Since when the customer has waited for a person (an automatic greeting does not end it), as the reports count it.
         whatsapp_report_waiting_since(c.id) AS waiting_since
    FROM whatsapp_conversations c
    JOIN whatsapp_contacts ct ON ct.id = c.contact_id
    LEFT JOIN whatsapp_agents u ON u.id = c.assignee_id
    LEFT JOIN LATERAL (
      SELECT m.direction, m.type, m.body, m.media_file_name, m.status, m.deleted_at FROM whatsapp_messages m
       WHERE m.conversation_id = c.id ORDER BY m.created_at DESC, m.id DESC LIMIT 1) lm ON true`;

interface RowRecord {
  id: string;
  account_id: string;
  status: ConversationStatus;
  assignee_id: string | null;
  assignee_name: string | null;
  intent: string | null;
  labels: LabelView[];
  unread_count: number;
  last_message_at: Date | null;
  sort_at: string | null;
  last_inbound_at: Date | null;
  contact_name: string | null;
  contact_phone: string | null;
  last_direction: MessageDirection | null;
  last_type: string | null;
  last_deleted: boolean | null;
  last_text: string | null;
  last_file_name: string | null;
  last_status: string | null;
  waiting_since: Date | null;
}

/**
 * The Inbox page's list: the conversations the actor may see in the tab and filters asked,
 * newest activity first, a page at a time. Pages are cut by keyset (the last row's activity time
 * and id), never by offset: the 2,000th page costs what the first does, and rows that move up
 * between two pages are neither skipped nor repeated below. Visibility is in the WHERE clause.
 */
export async function listInbox(db: Queryable, actor: InboxActor, filters: InboxFilters, query: InboxListQuery): Promise<InboxPage> {
  const where = inboxWhere(actor, filters);
  const { param } = where;
  if ('ids' in query) {
    const ids = query.ids.filter(isUuid).slice(0, query.limit);
    if (ids.length === 0) return { rows: [], next: null };
    where.conditions.push(`c.id = ANY(${param(ids)}::uuid[])`);
  } else if (query.cursor) {
    const cursor = decodeCursor(query.cursor);
    if (cursor) where.conditions.push(afterCursor(cursor, param));
  }
  const records = await queryRows<RowRecord>(
    db,
    `${ROW_SQL} WHERE ${where.conditions.join(' AND ')}
      ORDER BY c.last_message_at DESC NULLS LAST, c.id DESC LIMIT ${query.limit + 1}`,
    where.params,
  );
  const more = records.length > query.limit;
  const rows = records.slice(0, query.limit);
  const last = rows[rows.length - 1];
  return { rows: rows.map(toRow), next: more && last && !('ids' in query) ? encodeCursor({ at: last.sort_at, id: last.id }) : null };
}

/** The number of conversations in each tab, for the tabs' badges. */
export async function countInbox(db: Queryable, actor: InboxActor, filters: InboxFilters): Promise<InboxCounts> {
  const where = inboxWhere(actor, { ...filters, tab: 'all' });
  const me = where.param(actor.id);
  const counts = await queryOne<InboxCounts>(
    db,
    `SELECT count(*) FILTER (WHERE c.assignee_id = ${me}::text)::int AS mine,
            count(*) FILTER (WHERE c.assignee_id IS NULL)::int AS unassigned,
            count(*)::int AS all
       FROM whatsapp_conversations c WHERE ${where.conditions.join(' AND ')}`,
    where.params,
  );
  return counts ?? { mine: 0, unassigned: 0, all: 0 };
}

/** The conditions of the tab and filters on top of what the actor may see. */
function inboxWhere(actor: InboxActor, filters: InboxFilters) {
  const visible = visibleConversationsPredicate(actor, 'c');
  const params: unknown[] = [...visible.params];
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions = [visible.sql];
  if (filters.tab === 'mine') conditions.push(`c.assignee_id = ${param(actor.id)}::text`);
  if (filters.tab === 'unassigned') conditions.push(`c.assignee_id IS NULL`);
  if (filters.status !== 'any') conditions.push(`c.status = ${param(filters.status)}`);
  if (filters.accountId) conditions.push(`c.account_id = ${param(filters.accountId)}::uuid`);
  if (filters.intent) conditions.push(`c.intent = ${param(filters.intent)}`);
  if (filters.adId) conditions.push(`c.referral_source_id = ${param(filters.adId)}`);
  if (filters.unread) conditions.push(`c.unread_count > 0`);
  if (filters.waiting) conditions.push(`c.last_inbound_at >= c.last_message_at`);
  if (filters.windowClosing) {
    conditions.push(
      `c.last_inbound_at > now() - interval '24 hours' AND c.last_inbound_at <= now() - interval '${24 - WINDOW_CLOSING_HOURS} hours'`,
    );
  }
  if (filters.labelId) {
    conditions.push(`EXISTS (SELECT 1 FROM whatsapp_conversation_labels cl WHERE cl.conversation_id = c.id AND cl.label_id = ${param(filters.labelId)}::uuid)`);
  }
  return { conditions, params, param };
}

/** Rows after the cursor in (last_message_at DESC NULLS LAST, id DESC) order. */
function afterCursor(cursor: KeysetCursor, param: (value: unknown) => string): string {
  if (cursor.at === null) return `(c.last_message_at IS NULL AND c.id < ${param(cursor.id)}::uuid)`;
  const at = param(cursor.at);
  return `((c.last_message_at, c.id) < (${at}::timestamptz, ${param(cursor.id)}::uuid) OR c.last_message_at IS NULL)`;
}

function toRow(record: RowRecord): InboxRow {
  return {
    id: record.id,
    accountId: record.account_id,
    status: record.status,
    contact: { name: record.contact_name, phone: record.contact_phone },
    assignee: record.assignee_id ? { id: record.assignee_id, name: record.assignee_name ?? '' } : null,
    intent: record.intent,
    labels: record.labels,
    unreadCount: record.unread_count,
    lastMessageAt: record.last_message_at?.toISOString() ?? null,
    lastMessage: record.last_type
      ? {
          direction: record.last_direction!,
          type: record.last_type,
          text: record.last_text,
          fileName: record.last_deleted ? null : record.last_file_name,
          status: record.last_status!,
          deleted: record.last_deleted === true,
        }
      : null,
    windowClosesAt: record.last_inbound_at ? new Date(record.last_inbound_at.getTime() + SERVICE_WINDOW_MS).toISOString() : null,
    waitingSince: record.waiting_since?.toISOString() ?? null,
  };
}
