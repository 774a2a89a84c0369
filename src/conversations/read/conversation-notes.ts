import { queryRows, type Queryable } from '../../db/sql.js';
import type { ScheduledMessageStatus } from '../../entities/whatsapp-scheduled-message.entity.js';

/** The newest notes a thread shows; a conversation with more is a rare thing, the audit trail keeps the rest. */
export const THREAD_NOTES = 200;

export interface NoteView {
  id: string;
  body: string;
  createdAt: string;
  author: { id: string; name: string } | null;
  /** The agents it mentions, to highlight their @names. */
  mentions: { id: string; name: string }[];
}

export interface ScheduledMessageView {
  id: string;
  sendAt: string;
  status: ScheduledMessageStatus;
  /** What will be sent: its text (for an interactive message, its body). */
  text: string;
  kind: string;
  author: { id: string; name: string } | null;
  /** Why it could not go (an i18n key), when it failed. */
  failureKey: string | null;
}

/** The conversation's notes, oldest first, with their authors and mentions. */
export async function loadConversationNotes(db: Queryable, conversationId: string): Promise<NoteView[]> {
  const rows = await queryRows<{
    id: string;
    body: string;
    created_at: Date;
    author_id: string | null;
    author_name: string | null;
    mentions: { id: string; name: string }[];
  }>(
    db,
    `SELECT n.id, n.body, n.created_at, n.author_id, a.name AS author_name,
            COALESCE((SELECT json_agg(json_build_object('id', u.id, 'name', u.name) ORDER BY u.name)
                        FROM whatsapp_mentions m JOIN whatsapp_agents u ON u.id = m.agent_id WHERE m.note_id = n.id), '[]'::json) AS mentions
       FROM (SELECT * FROM whatsapp_conversation_notes WHERE conversation_id = $1 ORDER BY created_at DESC LIMIT $2) n
       LEFT JOIN whatsapp_agents a ON a.id = n.author_id
      ORDER BY n.created_at, n.id`,
    [conversationId, THREAD_NOTES],
  );
  return rows.map((row) => ({
    id: row.id,
    body: row.body,
    createdAt: row.created_at.toISOString(),
    author: row.author_id ? { id: row.author_id, name: row.author_name ?? '' } : null,
    mentions: row.mentions,
  }));
}

/** Messages waiting to go, and those that could not go, soonest first; sent and canceled ones are in the thread or gone. */
export async function loadScheduledMessages(db: Queryable, conversationId: string): Promise<ScheduledMessageView[]> {
  const rows = await queryRows<{
    id: string;
    send_at: Date;
    status: ScheduledMessageStatus;
    content: { kind?: string; text?: string; interactive?: { body?: { text?: string } } };
    author_id: string;
    author_name: string | null;
    failure_key: string | null;
  }>(
    db,
    `SELECT s.id, s.send_at, s.status, s.content, s.author_id, a.name AS author_name, s.failure_key
       FROM whatsapp_scheduled_messages s LEFT JOIN whatsapp_agents a ON a.id = s.author_id
      WHERE s.conversation_id = $1 AND s.status IN ('scheduled', 'failed')
      ORDER BY s.send_at, s.id`,
    [conversationId],
  );
  return rows.map((row) => ({
    id: row.id,
    sendAt: row.send_at.toISOString(),
    status: row.status,
    kind: row.content.kind ?? 'text',
    text: row.content.text ?? row.content.interactive?.body?.text ?? '',
    author: { id: row.author_id, name: row.author_name ?? '' },
    failureKey: row.failure_key,
  }));
}
