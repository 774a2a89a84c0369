import { typedPhoneSpellings } from '../../domain/phone.js';
import { searchTerms, snippet, type HighlightPart } from '../../domain/search-text.js';
import { isUuid } from '../../domain/uuid.js';
import { containsPattern } from '../../db/like-pattern.js';
import { queryRows, type Queryable } from '../../db/sql.js';
import type { MessageDirection } from '../../domain/message-status.js';
import type { InboxActor } from '../../permissions/permission-snapshot.js';
import { visibleConversationsPredicate } from '../../permissions/visible-conversations.js';
import { listInbox, type InboxRow } from './inbox-list.js';
import { decodeCursor, encodeCursor } from './keyset-cursor.js';

/** A message that matched, to open its conversation at it. */
export interface MessageHit {
  messageId: string;
  conversationId: string;
  contactName: string | null;
  contactPhone: string | null;
  direction: MessageDirection;
  at: string;
  /** The text around the first match, the matches marked. */
  snippet: HighlightPart[];
}

export interface InboxSearchAnswer {
  /** The query's words as the indexes compare them: the browser marks them in the opened thread. */
  terms: string[];
  /** Conversations whose contact matched by name, number or CRM record (the latest per contact). */
  conversations: InboxRow[];
  messages: MessageHit[];
  /** Where the next page of messages starts, or null. */
  nextMessages: string | null;
  /** Fewer than MIN_TERM_LENGTH letters: nothing was searched. */
  tooShort: boolean;
}

/** A trigram index needs three characters to narrow anything: shorter words would read every row. */
export const MIN_TERM_LENGTH = 3;
const CONVERSATION_HITS = 20;
const MESSAGE_HITS = 30;

/** Kept normalised by a trigger (migration 1763700001100), trigram-indexed. */
const CONTACT_TEXT = 'ct.search_text';

/**
 * Full-text search of what the actor may see: contacts by name, CRM record and number (any
 * spelling: `0555 12 34 56`, `+213 555…`, part of the digits), and message text, newest first.
 * Every word must appear, in any order, accents and Arabic letter forms folded
 * (src/domain/search-text.ts, whatsapp_search_text in SQL). `accountId` narrows to one number.
 */
export async function searchInbox(
  db: Queryable,
  actor: InboxActor,
  input: { query: string; accountId?: string; defaultRegion: string; messagesAfter?: string | null },
): Promise<InboxSearchAnswer> {
  const terms = searchTerms(input.query);
  const phoneSpellings = typedPhoneSpellings(input.query, input.defaultRegion);
  const tooShort = !terms.some((term) => term.length >= MIN_TERM_LENGTH) && phoneSpellings.length === 0 && !phoneDigits(input.query);
  if (tooShort) return { terms, conversations: [], messages: [], nextMessages: null, tooShort };
  const accountId = isUuid(input.accountId) ? input.accountId : undefined;
  const [conversations, messages] = await Promise.all([
    input.messagesAfter ? Promise.resolve([]) : matchingConversations(db, actor, input.query, terms, phoneSpellings, accountId),
    matchingMessages(db, actor, terms, accountId, input.messagesAfter ?? null),
  ]);
  return { terms, conversations, ...messages, tooShort };
}

async function matchingConversations(
  db: Queryable,
  actor: InboxActor,
  query: string,
  terms: string[],
  phoneSpellings: string[],
  accountId: string | undefined,
): Promise<InboxRow[]> {
  const visible = visibleConversationsPredicate(actor, 'c');
  const params: unknown[] = [...visible.params];
  const param = (value: unknown) => `$${params.push(value)}`;
  const matches: string[] = [];
  const digits = phoneDigits(query);
  if (digits) matches.push(`${CONTACT_TEXT} LIKE ${param(containsPattern(digits))}`);
  else if (terms.some((term) => term.length >= MIN_TERM_LENGTH)) matches.push(terms.map((term) => `${CONTACT_TEXT} LIKE ${param(containsPattern(term))}`).join(' AND '));
  if (phoneSpellings.length) matches.push(`ct.wa_id = ANY(${param(phoneSpellings)}::text[])`);
  if (matches.length === 0) return [];
  const conditions = [visible.sql, `(${matches.join(' OR ')})`];
  if (accountId) conditions.push(`c.account_id = ${param(accountId)}::uuid`);
  const latest = await queryRows<{ id: string }>(
    db,
    `SELECT id FROM (
       SELECT DISTINCT ON (c.contact_id) c.id, c.last_message_at
         FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id
        WHERE ${conditions.join(' AND ')}
        ORDER BY c.contact_id, c.last_message_at DESC NULLS LAST, c.id DESC) latest
      ORDER BY last_message_at DESC NULLS LAST, id DESC LIMIT ${CONVERSATION_HITS}`,
    params,
  );
  if (latest.length === 0) return [];
  const { rows } = await listInbox(db, actor, { tab: 'all', status: 'any' }, { ids: latest.map((row) => row.id), limit: CONVERSATION_HITS });
  return rows;
}

async function matchingMessages(
  db: Queryable,
  actor: InboxActor,
  terms: string[],
  accountId: string | undefined,
  after: string | null,
): Promise<{ messages: MessageHit[]; nextMessages: string | null }> {
  const visible = visibleConversationsPredicate(actor, 'c');
  const params: unknown[] = [...visible.params];
  const param = (value: unknown) => `$${params.push(value)}`;
  // search_text: the text normalised by a trigger (null for reactions), trigram-indexed.
  const conditions = [visible.sql, `m.search_text IS NOT NULL`];
  for (const term of terms) conditions.push(`m.search_text LIKE ${param(containsPattern(term))}`);
  if (accountId) conditions.push(`c.account_id = ${param(accountId)}::uuid`);
  const cursor = after ? decodeCursor(after) : null;
  if (cursor?.at) conditions.push(`(m.created_at, m.id) < (${param(cursor.at)}::timestamptz, ${param(cursor.id)}::uuid)`);
  const rows = await queryRows<{
    id: string;
    conversation_id: string;
    direction: MessageDirection;
    body: string;
    created_at: Date;
    sort_at: string;
    contact_name: string | null;
    contact_phone: string | null;
  }>(
    db,
    `SELECT m.id, m.conversation_id, m.direction, m.body, m.created_at, m.created_at::text AS sort_at,
            COALESCE(ct.display_name, ct.profile_name) AS contact_name, COALESCE(ct.phone_e164, '+' || ct.wa_id) AS contact_phone
       FROM whatsapp_messages m
       JOIN whatsapp_conversations c ON c.id = m.conversation_id
       JOIN whatsapp_contacts ct ON ct.id = c.contact_id
      WHERE ${conditions.join(' AND ')}
      ORDER BY m.created_at DESC, m.id DESC LIMIT ${MESSAGE_HITS + 1}`,
    params,
  );
  const shown = rows.slice(0, MESSAGE_HITS);
  const last = shown[shown.length - 1];
  return {
    messages: shown.map((row) => ({
      messageId: row.id,
      conversationId: row.conversation_id,
      contactName: row.contact_name,
      contactPhone: row.contact_phone,
      direction: row.direction,
      at: row.created_at.toISOString(),
      snippet: snippet(row.body, terms),
    })),
    nextMessages: rows.length > MESSAGE_HITS && last ? encodeCursor({ at: last.sort_at, id: last.id }) : null,
  };
}

/** A query typed as (part of) a phone number → its digits without the leading 0s, + or 00 (`0555 12` → `55512`), else ''. */
function phoneDigits(query: string): string {
  if (!/^[\d\s+().\-/]+$/.test(query.trim())) return '';
  const digits = query.replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 4 ? digits : '';
}
