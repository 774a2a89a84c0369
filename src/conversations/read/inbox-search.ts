import { typedPhoneSpellings } from '../../domain/phone.js';
import { searchTerms, snippet, type HighlightPart } from '../../domain/search-text.js';
import { isUuid } from '../../domain/uuid.js';
import { containsPattern } from '../../db/like-pattern.js';
import { queryRows, type Queryable } from '../../db/sql.js';
import type { MessageDirection } from '../../domain/message-status.js';
import type { InboxActor } from '../../permissions/permission-snapshot.js';
import { visibleConversationsPredicate } from '../../permissions/visible-conversations.js';
import { listInbox, type InboxRow } from './inbox-list.js';
import { decodeCursor, encodeCursor, type KeysetCursor } from './keyset-cursor.js';

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
  // Newest activity first, a few more than shown: a contact with several conversations counts once.
  // A common name is found walking conversations by activity, a rare one through the contacts' index.
  const candidates = await queryRows<{ id: string; contact_id: string }>(
    db,
    `SELECT c.id, c.contact_id FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id
      WHERE ${conditions.join(' AND ')}
      ORDER BY c.last_message_at DESC NULLS LAST, c.id DESC LIMIT ${CONVERSATION_HITS * 3}`,
    params,
  );
  const seen = new Set<string>();
  const latest = candidates.filter((row) => !seen.has(row.contact_id) && seen.add(row.contact_id)).slice(0, CONVERSATION_HITS);
  if (latest.length === 0) return [];
  const { rows } = await listInbox(db, actor, { tab: 'all', status: 'any' }, { ids: latest.map((row) => row.id), limit: CONVERSATION_HITS });
  return rows;
}

interface MessageRow {
  id: string;
  conversation_id: string;
  direction: MessageDirection;
  body: string;
  created_at: Date;
  sort_at: string;
  matched: boolean;
  /** Newest-first step: the row's rank among the messages read (NEWEST_FIRST: the last one). */
  position?: string;
}

/** The newest visible messages read one by one before the trigram index is asked (see matchingMessages). */
const NEWEST_FIRST = 1_000;

/**
 * The newest messages matching every term, in two steps. A word found in many messages (bonjour,
 * merci) is cheapest found by reading the newest visible messages one after another: the first
 * thousand hold enough. A rarer one is found by the trigram index, which for a common word would
 * have to fetch and sort tens of thousands of rows first. So: the newest NEWEST_FIRST visible
 * messages are read; when they hold too few matches, the index finds the rest, older than them.
 */
async function matchingMessages(
  db: Queryable,
  actor: InboxActor,
  terms: string[],
  accountId: string | undefined,
  after: string | null,
): Promise<{ messages: MessageHit[]; nextMessages: string | null }> {
  const cursor = after ? decodeCursor(after) : null;
  const newest = await queryMessages(db, actor, terms, { accountId, cursor, newestFirst: true });
  const boundary = newest.find((row) => Number(row.position) === NEWEST_FIRST);
  let rows = newest.filter((row) => row.matched).slice(0, MESSAGE_HITS + 1);
  if (rows.length <= MESSAGE_HITS && boundary) {
    const older = await queryMessages(db, actor, terms, { accountId, cursor: { at: boundary.sort_at, id: boundary.id }, newestFirst: false });
    rows = [...rows, ...older].slice(0, MESSAGE_HITS + 1);
  }
  const shown = rows.slice(0, MESSAGE_HITS);
  const contacts = await conversationContacts(db, [...new Set(shown.map((row) => row.conversation_id))]);
  const last = shown[shown.length - 1];
  return {
    messages: shown.map((row) => ({
      messageId: row.id,
      conversationId: row.conversation_id,
      contactName: contacts.get(row.conversation_id)?.name ?? null,
      contactPhone: contacts.get(row.conversation_id)?.phone ?? null,
      direction: row.direction,
      at: row.created_at.toISOString(),
      snippet: snippet(row.body, terms),
    })),
    nextMessages: rows.length > MESSAGE_HITS && last ? encodeCursor({ at: last.sort_at, id: last.id }) : null,
  };
}

/**
 * `newestFirst`: the NEWEST_FIRST newest visible messages after the cursor, the matching ones
 * marked, and the oldest of them last whether it matched or not (where the index takes over);
 * otherwise the matching messages after the cursor, by the index.
 */
async function queryMessages(
  db: Queryable,
  actor: InboxActor,
  terms: string[],
  options: { accountId?: string; cursor: KeysetCursor | null; newestFirst: boolean },
): Promise<MessageRow[]> {
  const visible = visibleConversationsPredicate(actor, 'c');
  const params: unknown[] = [...visible.params];
  const param = (value: unknown) => `$${params.push(value)}`;
  // search_text: the text normalised by a trigger (null for reactions), trigram-indexed. A message
  // its author deleted shows as deleted: its words are not found either.
  const conditions = [visible.sql, `m.search_text IS NOT NULL`, `m.deleted_at IS NULL`];
  if (options.accountId) conditions.push(`c.account_id = ${param(options.accountId)}::uuid`);
  if (options.cursor?.at) conditions.push(`(m.created_at, m.id) < (${param(options.cursor.at)}::timestamptz, ${param(options.cursor.id)}::uuid)`);
  const matches = terms.map((term) => `m.search_text LIKE ${param(containsPattern(term))}`).join(' AND ');
  const columns = `m.id, m.conversation_id, m.direction, m.body, m.created_at, m.created_at::text AS sort_at`;
  const from = `whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id`;
  if (!options.newestFirst) {
    return queryRows<MessageRow>(
      db,
      `SELECT ${columns}, true AS matched FROM ${from} WHERE ${[...conditions, matches].join(' AND ')}
        ORDER BY m.created_at DESC, m.id DESC LIMIT ${MESSAGE_HITS + 1}`,
      params,
    );
  }
  return queryRows<MessageRow>(
    db,
    `WITH newest AS MATERIALIZED (
       SELECT ${columns}, ${matches} AS matched, row_number() OVER (ORDER BY m.created_at DESC, m.id DESC) AS position
         FROM (SELECT m.* FROM ${from} WHERE ${conditions.join(' AND ')} ORDER BY m.created_at DESC, m.id DESC LIMIT ${NEWEST_FIRST}) m)
     SELECT id, conversation_id, direction, body, created_at, sort_at, matched, position FROM newest
      WHERE matched OR (position = ${NEWEST_FIRST})
      ORDER BY created_at DESC, id DESC`,
    params,
  );
}

/** Who each conversation is with, for the hits. */
async function conversationContacts(db: Queryable, ids: string[]): Promise<Map<string, { name: string | null; phone: string | null }>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<{ id: string; name: string | null; phone: string | null }>(
    db,
    `SELECT c.id, COALESCE(ct.display_name, ct.profile_name) AS name, COALESCE(ct.phone_e164, '+' || ct.wa_id) AS phone
       FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id WHERE c.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

/** A query typed as (part of) a phone number → its digits without the leading 0s, + or 00 (`0555 12` → `55512`), else ''. */
function phoneDigits(query: string): string {
  if (!/^[\d\s+().\-/]+$/.test(query.trim())) return '';
  const digits = query.replace(/\D/g, '').replace(/^0+/, '');
  return digits.length >= 4 ? digits : '';
}
