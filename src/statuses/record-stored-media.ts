import { notifyInStatement } from '../db/notify.js';
import { queryRows, type Queryable } from '../db/sql.js';

/**
 * A message's media file is in the media storage (downloaded, or kept when an agent sent it):
 * recorded with its size, and the live inbox told, so an open conversation shows it at once.
 */
export async function recordStoredMedia(db: Queryable, messageId: string, stored: { key: string; size: number }, mimeType: string | null): Promise<void> {
  await queryRows(
    db,
    `WITH m AS (
       UPDATE whatsapp_messages
          SET media_storage_path = $2, media_size = $3, media_mime_type = COALESCE(media_mime_type, $4),
              media_error = NULL, media_error_detail = NULL, updated_at = now()
        WHERE id = $1 RETURNING id, conversation_id
     )
     SELECT ${notifyInStatement.messageUpdated('m', 'c.account_id')} FROM m JOIN whatsapp_conversations c ON c.id = m.conversation_id`,
    [messageId, stored.key, stored.size, mimeType],
  );
}

/** Why the file is not stored (a media-download-error reason), kept so the thread can say so. */
export async function recordMediaError(db: Queryable, messageId: string, reason: string, detail: string): Promise<void> {
  await queryRows(db, `UPDATE whatsapp_messages SET media_error = $2, media_error_detail = $3, updated_at = now() WHERE id = $1`, [
    messageId,
    reason.slice(0, 40),
    detail,
  ]);
}
