import express, { type Router } from 'express';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { loadMessageMedia } from '../conversations/read/message-media.js';
import { LocalMediaStorage } from '../media/local-media-storage.js';
import type { ByteRange, MediaStorage } from '../media/media-storage.js';
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

/**
 * `GET /:messageId` streams a message's stored media file to an admin who may see its
 * conversation (the same rule as opening it), 403 to anyone else. It answers Range requests
 * (206 with the bytes asked for, 416 past the end), so audio and video players can seek. Served at
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
      const media = await loadMessageMedia(context.dataSource, messageId);
      // Unknown and forbidden look alike: an agent cannot probe which message ids exist elsewhere.
      if (!media || !canSeeConversation(admin, media.conversation)) return void res.sendStatus(403);
      if (!media.storageKey) return void res.sendStatus(404);
      const range = byteRange(req, media.size);
      if (range === 'unsatisfiable') {
        res.set('Content-Range', `bytes */${media.size}`);
        return void res.sendStatus(416);
      }
      let file: Readable;
      try {
        file = await storage.open(media.storageKey, range ?? undefined);
      } catch (error) {
        context.logger.warn('stored media file cannot be opened', { messageId, error: String(error) });
        return void res.sendStatus(404);
      }
      const mimeType = mimeEssence(media.mimeType);
      const inline = INLINE_TYPES.has(mimeType);
      // setHeader, not res.set: Express would add a charset the file never declared.
      res.setHeader('Content-Type', mimeType);
      res.set({
        'Content-Disposition': contentDisposition(inline ? 'inline' : 'attachment', media.fileName ?? `${media.type}-${messageId}`),
        'Content-Security-Policy': "default-src 'none'; sandbox",
      });
      if (media.size !== null) res.set('Accept-Ranges', 'bytes');
      if (range) {
        res.status(206).set({ 'Content-Range': `bytes ${range.start}-${range.end}/${media.size}`, 'Content-Length': String(range.end - range.start + 1) });
      } else if (media.size !== null) {
        res.set('Content-Length', String(media.size));
      }
      await pipeline(file, res);
    } catch (error) {
      if (!res.headersSent) return next(error);
      res.destroy(error as Error);
    }
  });
  return router;
}

/**
 * The one byte range asked for, null for the whole file (no Range, a malformed one, several
 * ranges, or a file of unknown size: a 200 with everything is a valid answer to each).
 */
function byteRange(req: express.Request, size: number | null): ByteRange | null | 'unsatisfiable' {
  if (size === null || !req.headers.range) return null;
  const ranges = req.range(size);
  if (ranges === -1) return 'unsatisfiable';
  if (ranges === -2 || ranges === undefined || ranges.type !== 'bytes' || ranges.length !== 1) return null;
  return { start: ranges[0]!.start, end: ranges[0]!.end };
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
