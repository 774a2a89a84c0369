import { queryOne, type Queryable } from '../../db/sql.js';
import { isUuid } from '../../domain/uuid.js';

/** A message's stored media file, and whose conversation it belongs to (what the media route checks). */
export interface MessageMedia {
  type: string;
  /** The storage's key; null while the file is not stored (on its way, or failed). */
  storageKey: string | null;
  mimeType: string | null;
  fileName: string | null;
  size: number | null;
  conversation: { accountId: string; assigneeId: string | null };
}

/** The media of one message, or undefined for an id that is not a message. */
export async function loadMessageMedia(db: Queryable, messageId: string): Promise<MessageMedia | undefined> {
  if (!isUuid(messageId)) return undefined;
  const row = await queryOne<{
    type: string;
    media_storage_path: string | null;
    media_mime_type: string | null;
    media_file_name: string | null;
    media_size: string | null;
    account_id: string;
    assignee_id: string | null;
  }>(
    db,
    `SELECT m.type, m.media_storage_path, m.media_mime_type, m.media_file_name, m.media_size, c.account_id, c.assignee_id
       FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id
      WHERE m.id = $1`,
    [messageId],
  );
  if (!row) return undefined;
  return {
    type: row.type,
    storageKey: row.media_storage_path,
    mimeType: row.media_mime_type,
    fileName: row.media_file_name,
    size: row.media_size === null ? null : Number(row.media_size),
    conversation: { accountId: row.account_id, assigneeId: row.assignee_id },
  };
}
