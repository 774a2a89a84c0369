import { queryRows, type Queryable } from '../../db/sql.js';
import { typedPhoneSpellings } from '../../domain/phone.js';
import { SERVICE_WINDOW_MS } from '../../domain/service-window.js';
import { isUuid } from '../../domain/uuid.js';
import type { ConversationStatus } from '../../entities/whatsapp-conversation.entity.js';
import type { InboxActor } from '../../permissions/permission-snapshot.js';
import { parameters } from '../../permissions/sql-predicate.js';
import { visibleContactsPredicate } from '../../permissions/visible-contacts.js';
import { visibleConversationsPredicate } from '../../permissions/visible-conversations.js';
import { visibleTemplatesPredicate } from '../../permissions/visible-templates.js';

/*
 * What the CRM's side reads (the REST API and the record feature): conversations, messages,
 * templates and contacts, only those the actor may see (filtered in SQL), in plain JSON shapes.
 */

export interface CrmRecordRef {
  type: string;
  id: string;
  label: string | null;
}

export interface ContactView {
  id: string;
  accountId: string;
  waId: string | null;
  phoneE164: string | null;
  name: string | null;
  crmRecord: CrmRecordRef | null;
}

export interface ConversationView {
  id: string;
  accountId: string;
  status: string;
  assigneeId: string | null;
  unreadCount: number;
  lastMessageAt: string | null;
  lastInboundAt: string | null;
  /** Until when a free-form message may be sent (null: closed, only a template may go). */
  windowClosesAt: string | null;
  contact: ContactView;
}

export interface MessageView {
  id: string;
  conversationId: string;
  direction: 'inbound' | 'outbound';
  type: string;
  status: string;
  text: string | null;
  createdAt: string;
  error: { code: number | null; title: string | null } | null;
}

export interface TemplateView {
  id: string;
  accountId: string;
  name: string;
  language: string;
  category: string | null;
  status: string;
  components: unknown[];
}

const CONTACT_JSON = (alias: string) => `json_build_object('id', ${alias}.id, 'accountId', ${alias}.account_id, 'waId', ${alias}.wa_id,
  'phoneE164', ${alias}.phone_e164, 'name', COALESCE(${alias}.display_name, ${alias}.profile_name),
  'crmRecord', CASE WHEN ${alias}.crm_record_type IS NULL THEN NULL
    ELSE json_build_object('type', ${alias}.crm_record_type, 'id', ${alias}.crm_record_id, 'label', ${alias}.crm_record_label) END)`;

export interface ConversationQuery {
  accountId?: string;
  status?: ConversationStatus;
  /** Any spelling: 0555 12 34 56, +213 555…, 213555… */
  phone?: string;
  /** Only conversations whose last message is older than this (the previous page's last `lastMessageAt`). */
  before?: Date;
  limit: number;
}

/** The conversations the actor sees, newest activity first. */
export async function listConversationsFor(db: Queryable, actor: InboxActor, query: ConversationQuery, defaultRegion: string): Promise<ConversationView[]> {
  const visible = visibleConversationsPredicate(actor, 'c');
  const { params, param } = parameters(visible.params.length);
  const where = [visible.sql];
  if (query.accountId) where.push(isUuid(query.accountId) ? `c.account_id = ${param(query.accountId)}::uuid` : 'FALSE');
  if (query.status) where.push(`c.status = ${param(query.status)}`);
  if (query.phone !== undefined) where.push(phoneMatch('ct', typedPhoneSpellings(query.phone, defaultRegion), param));
  if (query.before) where.push(`c.last_message_at < ${param(query.before)}`);
  const rows = await queryRows<ConversationView & { lastInboundAtRaw: Date | null }>(
    db,
    `SELECT c.id, c.account_id AS "accountId", c.status, c.assignee_id AS "assigneeId", c.unread_count AS "unreadCount",
            c.last_message_at AS "lastMessageAt", c.last_inbound_at AS "lastInboundAtRaw", ${CONTACT_JSON('ct')} AS contact
       FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id
      WHERE ${where.join(' AND ')}
      ORDER BY c.last_message_at DESC NULLS LAST, c.id LIMIT ${param(query.limit)}`,
    [...visible.params, ...params],
  );
  return rows.map(({ lastInboundAtRaw, ...row }) => ({
    ...row,
    lastMessageAt: row.lastMessageAt ? new Date(row.lastMessageAt).toISOString() : null,
    lastInboundAt: lastInboundAtRaw ? lastInboundAtRaw.toISOString() : null,
    windowClosesAt: windowClosesAt(lastInboundAtRaw),
  }));
}

/** The conversation's messages, newest first; undefined when the actor may not see it. */
export async function conversationMessagesFor(
  db: Queryable,
  actor: InboxActor,
  conversationId: string,
  page: { before?: Date; limit: number },
): Promise<MessageView[] | undefined> {
  if (!isUuid(conversationId)) return undefined;
  const visible = visibleConversationsPredicate(actor, 'c', 1);
  const seen = await queryRows(db, `SELECT 1 FROM whatsapp_conversations c WHERE c.id = $1 AND ${visible.sql}`, [conversationId, ...visible.params]);
  if (seen.length === 0) return undefined;
  const rows = await queryRows<MessageView & { errorCode: number | null; errorTitle: string | null }>(
    db,
    `SELECT id, conversation_id AS "conversationId", direction, type, status, body AS text, created_at AS "createdAt",
            error_code AS "errorCode", error_title AS "errorTitle"
       FROM whatsapp_messages WHERE conversation_id = $1 AND ($2::timestamptz IS NULL OR created_at < $2)
      ORDER BY created_at DESC, id LIMIT $3`,
    [conversationId, page.before ?? null, page.limit],
  );
  return rows.map(({ errorCode, errorTitle, ...row }) => ({
    ...row,
    createdAt: new Date(row.createdAt).toISOString(),
    error: row.status === 'failed' ? { code: errorCode, title: errorTitle } : null,
  }));
}

/** The templates the actor may read (approved or not: `status` says which may be sent). */
export async function templatesFor(db: Queryable, actor: InboxActor, accountId?: string): Promise<TemplateView[]> {
  const visible = visibleTemplatesPredicate(actor, 't');
  const { params, param } = parameters(visible.params.length);
  const byNumber = accountId ? (isUuid(accountId) ? `AND t.account_id = ${param(accountId)}::uuid` : 'AND FALSE') : '';
  return queryRows<TemplateView>(
    db,
    `SELECT t.id, t.account_id AS "accountId", t.name, t.language, t.category, t.status, t.components
       FROM whatsapp_templates t WHERE ${visible.sql} AND t.status <> 'DELETED' ${byNumber}
      ORDER BY t.name, t.language`,
    [...visible.params, ...params],
  );
}

/** The contacts the actor may see under any spelling of `phone` (on every number). */
export async function contactsByPhone(db: Queryable, actor: InboxActor, phone: string, defaultRegion: string): Promise<ContactView[]> {
  const spellings = typedPhoneSpellings(phone, defaultRegion);
  if (spellings.length === 0) return [];
  const visible = visibleContactsPredicate(actor, 'ct');
  const { params, param } = parameters(visible.params.length);
  const rows = await queryRows<{ contact: ContactView }>(
    db,
    `SELECT ${CONTACT_JSON('ct')} AS contact FROM whatsapp_contacts ct
      WHERE ${visible.sql} AND ${phoneMatch('ct', spellings, param)} ORDER BY ct.created_at`,
    [...visible.params, ...params],
  );
  return rows.map((row) => row.contact);
}

function phoneMatch(alias: string, spellings: string[], param: (value: unknown) => string): string {
  if (spellings.length === 0) return 'FALSE';
  return `(${alias}.wa_id = ANY(${param(spellings)}::text[]) OR ${alias}.phone_e164 = ANY(${param(spellings.map((s) => `+${s}`))}::text[]))`;
}

function windowClosesAt(lastInboundAt: Date | null): string | null {
  if (!lastInboundAt) return null;
  const closes = lastInboundAt.getTime() + SERVICE_WINDOW_MS;
  return closes > Date.now() ? new Date(closes).toISOString() : null;
}
