import type { DataSource } from 'typeorm';
import { containsPattern } from '../../db/like-pattern.js';
import { typedPhoneSpellings } from '../../domain/phone.js';
import { isUuid } from '../../domain/uuid.js';
import type { InboxActor } from '../../permissions/permission-snapshot.js';
import { visibleConversationsPredicate } from '../../permissions/visible-conversations.js';

/** What an agent narrows the inbox by. Every field is optional; absent means "any". */
export interface ConversationFilters {
  status?: string;
  /** `mine`: assigned to me; `unassigned`: nobody's; otherwise any the admin may see. */
  view?: 'mine' | 'unassigned';
  assigneeId?: string;
  accountId?: string;
  unread?: boolean;
  intent?: string;
  /** A label's id. */
  label?: string;
  lastMessageFrom?: Date;
  lastMessageTo?: Date;
  /** A contact's name, or any spelling of a phone number (0555 12 34 56, +213 555…, 213555…). */
  search?: string;
}

export const CONVERSATION_SORTS = {
  lastMessageAt: 'c.last_message_at',
  createdAt: 'c.created_at',
  unreadCount: 'c.unread_count',
  status: 'c.status',
} as const;
export type ConversationSort = keyof typeof CONVERSATION_SORTS;

export interface ConversationPage {
  rows: Record<string, unknown>[];
  total: number;
}

const COLUMNS = `c.id, c.account_id AS "accountId", c.contact_id AS "contactId", c.status, c.assignee_id AS "assigneeId",
  c.intent, c.lead_id AS "leadId", c.unread_count AS "unreadCount", c.last_message_at AS "lastMessageAt",
  c.last_inbound_at AS "lastInboundAt", c.resolved_at AS "resolvedAt", c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

/**
 * The conversations an admin may see, filtered, sorted and paged in PostgreSQL. Visibility is part
 * of the WHERE clause (never a filter applied after loading rows), so counts and pages agree and
 * an agent cannot page his way to somebody else's conversations.
 */
export async function listConversations(
  dataSource: DataSource,
  admin: InboxActor | undefined,
  query: { filters: ConversationFilters; sort: ConversationSort; direction: 'asc' | 'desc'; limit: number; offset: number; defaultRegion: string },
): Promise<ConversationPage> {
  const { where, params } = whereClause(admin, query.filters, query.defaultRegion);
  const order = `${CONVERSATION_SORTS[query.sort]} ${query.direction === 'asc' ? 'ASC NULLS FIRST' : 'DESC NULLS LAST'}, c.id ${query.direction}`;
  const [rows, [{ total }]] = await Promise.all([
    dataSource.query(
      `SELECT ${COLUMNS} FROM whatsapp_conversations c WHERE ${where} ORDER BY ${order} LIMIT ${query.limit} OFFSET ${query.offset}`,
      params,
    ),
    dataSource.query(`SELECT count(*)::int AS total FROM whatsapp_conversations c WHERE ${where}`, params),
  ]);
  return { rows, total };
}

function whereClause(admin: InboxActor | undefined, filters: ConversationFilters, defaultRegion: string) {
  const visible = visibleConversationsPredicate(admin, 'c');
  const params: unknown[] = [...visible.params];
  const param = (value: unknown) => `$${params.push(value)}`;
  const conditions = [visible.sql];
  if (filters.status) conditions.push(`c.status = ${param(filters.status)}`);
  if (filters.view === 'mine') conditions.push(`c.assignee_id = ${param(admin?.id)}::text`);
  if (filters.view === 'unassigned') conditions.push(`c.assignee_id IS NULL`);
  if (filters.assigneeId) conditions.push(`c.assignee_id = ${param(filters.assigneeId)}::text`);
  if (filters.accountId) conditions.push(`c.account_id = ${param(filters.accountId)}::uuid`);
  if (filters.unread !== undefined) conditions.push(filters.unread ? `c.unread_count > 0` : `c.unread_count = 0`);
  if (filters.intent) conditions.push(`c.intent = ${param(filters.intent)}`);
  if (filters.label && isUuid(filters.label)) {
    conditions.push(`EXISTS (SELECT 1 FROM whatsapp_conversation_labels cl WHERE cl.conversation_id = c.id AND cl.label_id = ${param(filters.label)}::uuid)`);
  }
  if (filters.lastMessageFrom) conditions.push(`c.last_message_at >= ${param(filters.lastMessageFrom)}`);
  if (filters.lastMessageTo) conditions.push(`c.last_message_at <= ${param(filters.lastMessageTo)}`);
  const search = filters.search?.trim();
  if (search) {
    const spellings = typedPhoneSpellings(search, defaultRegion);
    const byName = `(ct.display_name ILIKE ${param(containsPattern(search))} ESCAPE '\\' OR ct.profile_name ILIKE $${params.length} ESCAPE '\\')`;
    const byPhone = spellings.length
      ? ` OR ct.wa_id = ANY(${param(spellings)}::text[]) OR ct.phone_e164 = ANY(${param(spellings.map((s) => `+${s}`))}::text[])`
      : '';
    conditions.push(`EXISTS (SELECT 1 FROM whatsapp_contacts ct WHERE ct.id = c.contact_id AND (${byName}${byPhone}))`);
  }
  return { where: conditions.join(' AND '), params };
}
