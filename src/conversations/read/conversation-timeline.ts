import type { DataSource, EntityManager } from 'typeorm';
import type { AutomationKind } from '../../domain/automation-kinds.js';
import type { MessageDirection, MessageOrigin, MessageStatus } from '../../domain/message-status.js';
import { isMediaKind, messageContent, webLink, type MessageContent } from './conversation-message-content.js';
import { prepared, queryRows } from '../../db/sql.js';
import { isUuid } from '../../domain/uuid.js';

export const TIMELINE_PAGE_SIZE = 50;
/** At most this many messages are re-read by id in one request (the visible ones a live update names). */
export const MAX_REFRESHED_IDS = 100;
/**
 * A message's created_at is its transaction's start, so one that committed late can carry a time
 * before a message already shown. `after` looks back this far and the view merges by id.
 */
export const LATE_COMMIT_MARGIN_SECONDS = 30;

export interface TimelineMedia {
  /** The file is stored and served by the media route. */
  stored: boolean;
  mimeType: string | null;
  fileName: string | null;
  size: number | null;
  /** Why the file is not stored (media-download-error reasons); null while it is on its way. */
  error: string | null;
  /** Outbound media sent by link: that link (http(s) only). */
  link: string | null;
}

export interface QuotedMessage {
  id: string;
  direction: MessageDirection;
  type: string;
  body: string | null;
  fileName: string | null;
}

export interface TimelineMessage {
  id: string;
  wamid: string | null;
  direction: MessageDirection;
  type: string;
  /** Text, caption, chosen title, rendered template: the customer's words, to render as text only. */
  body: string | null;
  status: MessageStatus;
  createdAt: string;
  /** When it happened for the agent: the customer's send time (inbound), else when it was written. */
  at: string;
  sentAt: string | null;
  deliveredAt: string | null;
  readAt: string | null;
  failedAt: string | null;
  nextAttemptAt: string | null;
  error: { code: number | null; title: string | null; details: string | null; explanationKey: string | null } | null;
  sentBy: { id: string; name: string } | null;
  /** Sent by an automation (greeting, away, keyword reply, survey): shown as automatic, never as someone's. */
  automation: AutomationKind | null;
  content: MessageContent;
  media: TimelineMedia | null;
  reactions: { emoji: string; from: string; at: string | null }[];
  replyToWamid: string | null;
  /** The message this one replies to; `null` with a replyToWamid means it is not in this conversation. */
  quoted: QuotedMessage | null;
  /** Coexistence: `business_app` (sent from the WhatsApp Business app), `history` (imported); null for this inbox's own. */
  origin: MessageOrigin | null;
  /** The author edited it; its earlier versions, oldest first. */
  editedAt: string | null;
  editHistory: { body: string | null; at: string }[];
  /** The author deleted it for everyone: its content is not shown. */
  deletedAt: string | null;
  /** A question about this catalogue product ("Message business" on a product). */
  referredProduct: { catalogId: string | null; productId: string } | null;
}

export type TimelineQuery =
  | { mode: 'latest' }
  /** Older than this message, for scrolling up. */
  | { mode: 'before'; messageId: string }
  /** Newer than this message, for live updates. */
  | { mode: 'after'; messageId: string };

export interface TimelinePage {
  /** Oldest first. */
  messages: TimelineMessage[];
  /** More messages exist beyond this page in the direction asked for. */
  hasMore: boolean;
}

interface MessageRow {
  id: string;
  wamid: string | null;
  direction: MessageDirection;
  type: string;
  body: string | null;
  payload: unknown;
  status: MessageStatus;
  created_at: Date;
  received_at: Date | null;
  sent_at: Date | null;
  delivered_at: Date | null;
  read_at: Date | null;
  failed_at: Date | null;
  next_attempt_at: Date | null;
  error_code: number | null;
  error_title: string | null;
  error_details: string | null;
  error_explanation_key: string | null;
  reply_to_wamid: string | null;
  reactions: unknown;
  media_id: string | null;
  media_mime_type: string | null;
  media_file_name: string | null;
  media_size: string | null;
  media_stored: boolean;
  media_error: string | null;
  sent_by_id: string | null;
  sent_by_name: string | null;
  automation: AutomationKind | null;
  quoted_id: string | null;
  quoted_direction: MessageDirection | null;
  quoted_type: string | null;
  quoted_body: string | null;
  quoted_file_name: string | null;
  origin: MessageOrigin | null;
  edited_at: Date | null;
  edit_history: unknown;
  deleted_at: Date | null;
}

// The page is chosen on ix_whatsapp_messages_conversation_created alone (the explicit created_at
// bound makes a deep `before` an index range, not a scan of everything newer); only the chosen
// rows are joined to their sender and the message they quote (unique wamid index).
const DETAIL_COLUMNS = `
  m.id, m.wamid, m.direction, m.type, m.body, m.payload, m.status, m.created_at, m.received_at, m.sent_at, m.delivered_at,
  m.read_at, m.failed_at, m.next_attempt_at, m.error_code, m.error_title, m.error_details, m.error_explanation_key,
  m.reply_to_wamid, m.reactions, m.media_id, m.media_mime_type, m.media_file_name, m.media_size,
  m.media_storage_path IS NOT NULL AS media_stored, m.media_error, m.sent_by_id, u.name AS sent_by_name, m.automation,
  q.id AS quoted_id, q.direction AS quoted_direction, q.type AS quoted_type, left(q.body, 300) AS quoted_body,
  q.media_file_name AS quoted_file_name, m.origin, m.edited_at, m.edit_history, m.deleted_at`;
const DETAIL_JOINS = `
  LEFT JOIN whatsapp_agents u ON u.id = m.sent_by_id
  LEFT JOIN whatsapp_messages q ON q.wamid = m.reply_to_wamid AND q.conversation_id = m.conversation_id`;

// The business's reactions show on the message reacted to, not as messages of their own, unless they failed.
const SHOWN = (alias: string) => `NOT (${alias}.type = 'reaction' AND ${alias}.direction = 'outbound' AND ${alias}.status <> 'failed')`;

const LATEST_SQL = `
  SELECT ${DETAIL_COLUMNS}
    FROM (SELECT * FROM whatsapp_messages w WHERE conversation_id = $1 AND ${SHOWN('w')} ORDER BY created_at DESC, id DESC LIMIT $2) m ${DETAIL_JOINS}
   ORDER BY m.created_at DESC, m.id DESC`;

const BEFORE_SQL = `
  WITH cursor AS (SELECT created_at, id FROM whatsapp_messages WHERE id = $3 AND conversation_id = $1)
  SELECT ${DETAIL_COLUMNS}
    FROM (SELECT w.* FROM whatsapp_messages w, cursor
           WHERE w.conversation_id = $1 AND w.created_at <= cursor.created_at AND (w.created_at, w.id) < (cursor.created_at, cursor.id) AND ${SHOWN('w')}
           ORDER BY w.created_at DESC, w.id DESC LIMIT $2) m ${DETAIL_JOINS}
   ORDER BY m.created_at DESC, m.id DESC`;

const AFTER_SQL = `
  WITH cursor AS (SELECT created_at, id FROM whatsapp_messages WHERE id = $3 AND conversation_id = $1)
  SELECT ${DETAIL_COLUMNS}
    FROM (SELECT w.* FROM whatsapp_messages w, cursor
           WHERE w.conversation_id = $1 AND w.created_at > cursor.created_at - make_interval(secs => $4) AND w.id <> cursor.id AND ${SHOWN('w')}
           ORDER BY w.created_at, w.id LIMIT $2) m ${DETAIL_JOINS}
   ORDER BY m.created_at DESC, m.id DESC`;

const BY_IDS_SQL = `
  SELECT ${DETAIL_COLUMNS}
    FROM whatsapp_messages m ${DETAIL_JOINS}
   WHERE m.id = ANY($2::uuid[]) AND m.conversation_id = $1 AND ${SHOWN('m')}
   ORDER BY m.created_at DESC, m.id DESC`;

/**
 * One page of a conversation's messages, oldest first, each with what the view shows: content
 * by kind, media state, reactions, delivery marks and the quoted message. A cursor that is not a
 * message of this conversation gives an empty page.
 */
export async function loadTimelinePage(manager: EntityManager, conversationId: string, query: TimelineQuery): Promise<TimelinePage> {
  const limit = TIMELINE_PAGE_SIZE + 1;
  let rows: MessageRow[];
  if (query.mode === 'latest') rows = await queryRows<MessageRow>(manager, prepared(LATEST_SQL), [conversationId, limit]);
  else if (!isUuid(query.messageId)) rows = [];
  else if (query.mode === 'before') rows = await queryRows<MessageRow>(manager, prepared(BEFORE_SQL), [conversationId, limit, query.messageId]);
  else rows = await queryRows<MessageRow>(manager, prepared(AFTER_SQL), [conversationId, limit, query.messageId, LATE_COMMIT_MARGIN_SECONDS]);

  const hasMore = rows.length > TIMELINE_PAGE_SIZE;
  // Rows come newest first; `after` read oldest first, so its extra row is the newest one.
  const kept = query.mode === 'after' ? rows.slice(hasMore ? 1 : 0) : rows.slice(0, TIMELINE_PAGE_SIZE);
  return { messages: kept.reverse().map(timelineMessage), hasMore };
}

/** Messages of the conversation by id (the visible ones whose status or reactions may have changed), oldest first. */
export async function loadTimelineMessages(manager: EntityManager, conversationId: string, ids: readonly string[]): Promise<TimelineMessage[]> {
  const wanted = [...new Set(ids.filter(isUuid))].slice(0, MAX_REFRESHED_IDS);
  if (wanted.length === 0) return [];
  const rows = await queryRows<MessageRow>(manager, prepared(BY_IDS_SQL), [conversationId, wanted]);
  return rows.reverse().map(timelineMessage);
}

/**
 * Runs reads on one pooled connection, so the named statements of `queryRows` are planned once
 * per connection and a conversation opens with a few round trips.
 */
export async function withReader<T>(dataSource: DataSource, read: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner = dataSource.createQueryRunner('slave');
  try {
    await runner.connect();
    return await read(runner.manager);
  } finally {
    await runner.release();
  }
}

function timelineMessage(row: MessageRow): TimelineMessage {
  const content = messageContent(row.type, row.payload);
  const failed = row.error_code !== null || row.error_title !== null || row.error_explanation_key !== null;
  return {
    id: row.id,
    wamid: row.wamid,
    direction: row.direction,
    type: row.type,
    // A deleted message's words are not shown to agents (the raw event keeps what arrived).
    body: row.deleted_at ? null : row.body,
    status: row.status,
    createdAt: row.created_at.toISOString(),
    at: (row.direction === 'inbound' && row.received_at ? row.received_at : row.created_at).toISOString(),
    sentAt: iso(row.sent_at),
    deliveredAt: iso(row.delivered_at),
    readAt: iso(row.read_at),
    failedAt: iso(row.failed_at),
    nextAttemptAt: iso(row.next_attempt_at),
    error: failed
      ? { code: row.error_code, title: row.error_title, details: row.error_details, explanationKey: row.error_explanation_key }
      : null,
    sentBy: row.sent_by_id ? { id: row.sent_by_id, name: row.sent_by_name ?? '' } : null,
    automation: row.automation,
    content,
    media: isMediaKind(row.type) ? mediaOf(row, content) : null,
    reactions: reactionsOf(row.reactions),
    replyToWamid: row.reply_to_wamid,
    quoted: row.quoted_id
      ? { id: row.quoted_id, direction: row.quoted_direction!, type: row.quoted_type!, body: row.quoted_body, fileName: row.quoted_file_name }
      : null,
    origin: row.origin,
    editedAt: iso(row.edited_at),
    editHistory: Array.isArray(row.edit_history)
      ? row.edit_history.map((version: { body?: unknown; at?: unknown }) => ({ body: typeof version.body === 'string' ? version.body : null, at: String(version.at ?? '') }))
      : [],
    deletedAt: iso(row.deleted_at),
    referredProduct: referredProductOf(row.payload),
  };
}

function referredProductOf(payload: unknown): TimelineMessage['referredProduct'] {
  const product = (payload as { context?: { referred_product?: { catalog_id?: unknown; product_retailer_id?: unknown } } } | null)?.context?.referred_product;
  if (!product || typeof product.product_retailer_id !== 'string') return null;
  return { catalogId: typeof product.catalog_id === 'string' ? product.catalog_id : null, productId: product.product_retailer_id };
}

function mediaOf(row: MessageRow, content: MessageContent): TimelineMedia {
  const payload = typeof row.payload === 'object' && row.payload !== null ? (row.payload as Record<string, unknown>) : {};
  const part = payload[row.type];
  const link = row.direction === 'outbound' && typeof part === 'object' && part !== null ? webLink((part as { link?: unknown }).link) : null;
  return {
    stored: row.media_stored,
    mimeType: row.media_mime_type,
    fileName: row.media_file_name ?? (content.kind === 'document' ? content.fileName : null),
    size: row.media_size === null ? null : Number(row.media_size),
    error: row.media_error,
    link,
  };
}

function reactionsOf(value: unknown): TimelineMessage['reactions'] {
  if (!Array.isArray(value)) return [];
  return value
    .filter((r): r is { emoji: string; from?: unknown; at?: unknown } => typeof r === 'object' && r !== null && typeof r.emoji === 'string' && r.emoji !== '')
    .map((r) => ({ emoji: r.emoji, from: typeof r.from === 'string' ? r.from : 'customer', at: typeof r.at === 'string' ? r.at : null }));
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}
