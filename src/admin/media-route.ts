import express, { type Router } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { isUuid } from '../domain/uuid.js';
import { LocalMediaStorage } from '../media/local-media-storage.js';
import type { MediaStorage } from '../media/media-storage.js';
import { canSeeConversation, type InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';

/**
 * Types a browser may render in place (previews and players). Anything else, SVG and HTML
 * included, is sent as an attachment: a customer's file must never run as a page of the
 * back office's origin.
 */
const INLINE_TYPES = new Set([
  'image/jpeg', 'image/png', 'image/webp', 'video/mp4', 'video/3gpp',
  'audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg',
]);
const MIME_ESSENCE = /^[a-z0-9][a-z0-9!#$&^_.+-]{0,63}\/[a-z0-9][a-z0-9!#$&^_.+-]{0,63}$/;

interface MediaRow {
  type: string;
  media_storage_path: string | null;
  media_mime_type: string | null;
  media_file_name: string | null;
  media_size: string | null;
  account_id: string;
  assignee_id: string | null;
}

/**
 * `GET /:messageId` streams a message's stored media file to an admin who may see its
 * conversation (the same rule as opening it), 403 to anyone else. Served at
 * `<rootPath>/whatsapp/media` by the plugin's admin routes, which load the agent first.
 */
export function createMediaRoute(
  context: Pick<PluginContext, 'dataSource' | 'options' | 'logger'>,
  agentOf: (req: express.Request) => InboxActor | null,
  deps: { storage?: MediaStorage } = {},
): Router {
  const storage = deps.storage ?? new LocalMediaStorage(context.options.mediaDir);
  const router = express.Router();
  router.get('/:messageId', async (req, res, next) => {
    res.set({ 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, no-cache' });
    const admin = agentOf(req);
    if (!admin) return void res.sendStatus(401);
    const { messageId } = req.params;
    try {
      const [row]: MediaRow[] = isUuid(messageId)
        ? await context.dataSource.query(
            `SELECT m.type, m.media_storage_path, m.media_mime_type, m.media_file_name, m.media_size, c.account_id, c.assignee_id
               FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id
              WHERE m.id = $1`,
            [messageId],
          )
        : [];
      // Unknown and forbidden look alike: an agent cannot probe which message ids exist elsewhere.
      if (!row || !canSeeConversation(admin, { accountId: row.account_id, assigneeId: row.assignee_id })) return void res.sendStatus(403);
      if (!row.media_storage_path) return void res.sendStatus(404);
      let file: Readable;
      try {
        file = await storage.open(row.media_storage_path);
      } catch (error) {
        context.logger.warn('stored media file cannot be opened', { messageId, error: String(error) });
        return void res.sendStatus(404);
      }
      const mimeType = mimeEssence(row.media_mime_type);
      const inline = INLINE_TYPES.has(mimeType);
      // setHeader, not res.set: Express would add a charset the file never declared.
      res.setHeader('Content-Type', mimeType);
      res.set({
        'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', row.media_file_name ?? `${row.type}-${messageId}`),
        'Content-Security-Policy': "default-src 'none'; sandbox",
      });
      if (row.media_size !== null) res.set('Content-Length', row.media_size);
      await pipeline(file, res);
    } catch (error) {
      if (!res.headersSent) return next(error);
      res.destroy(error as Error);
    }
  });
  return router;
}

function mimeEssence(mimeType: string | null): string {
  const essence = mimeType?.split(';')[0]!.trim().toLowerCase() ?? '';
  return MIME_ESSENCE.test(essence) ? essence : 'application/octet-stream';
}

/** RFC 6266: an ASCII fallback name and the exact one, percent-encoded. */
function contentDisposition(kind: 'inline' | 'attachment', fileName: string): string {
  const fallback = fileName.normalize('NFKD').replace(/[^\x20-\x7e]/g, '').replace(/["\\%]/g, '_').trim() || 'file';
  const encoded = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
