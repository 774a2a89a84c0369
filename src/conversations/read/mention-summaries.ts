import { queryRows, type Queryable } from '../../db/sql.js';

/** What a mention is about, as the mentions list shows it. */
export interface MentionSummary {
  id: string;
  /** The beginning of the note. */
  note: string;
  author: string | null;
  contactName: string | null;
}

/** The note, its author and the conversation's customer of each mention, in one query for a page. */
export async function loadMentionSummaries(db: Queryable, ids: readonly string[]): Promise<Map<string, MentionSummary>> {
  if (ids.length === 0) return new Map();
  const rows = await queryRows<MentionSummary>(
    db,
    `SELECT m.id, left(n.body, 200) AS note, a.name AS author, COALESCE(ct.display_name, ct.profile_name) AS "contactName"
       FROM whatsapp_mentions m
       JOIN whatsapp_conversation_notes n ON n.id = m.note_id
       LEFT JOIN whatsapp_agents a ON a.id = n.author_id
       JOIN whatsapp_conversations c ON c.id = m.conversation_id
       JOIN whatsapp_contacts ct ON ct.id = c.contact_id
      WHERE m.id = ANY($1::uuid[])`,
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}
