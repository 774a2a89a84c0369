import express, { type Request, type Router } from 'express';
import { sendMedia } from '../conversations/send-media.js';
import type { PluginContext } from '../context/plugin-context.js';
import { ATTACHMENT_KINDS, MEDIA_SIZE_LIMITS, type AttachmentKind } from '../domain/media-rules.js';
import { Refusal } from '../domain/refusal.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';

/** What the composer reads back: the queued message, or why nothing was sent (an i18n key and its values). */
export type UploadAnswer = { messageId: string } | { notice: { message: string; type: 'error'; options?: Record<string, string | number> } };

/**
 * `POST /?conversation=<id>&kind=image|video|audio|document[&caption=…][&replyTo=<message id>]`
 * with the file as the body (its type as Content-Type, its name in `X-File-Name`,
 * percent-encoded): the composer's attachment, sent through the sendMedia use case (checks, upload
 * to Meta, send by id). Served at `<rootPath>/whatsapp/uploads` by the plugin's admin routes,
 * which load the agent and check the origin first. A file over its kind's cap is refused before
 * it is read.
 */
export function createUploadRoute(context: PluginContext, agentOf: (req: Request) => InboxActor | null): Router {
  const router = express.Router();
  router.post('/', (req, res, next) => {
    const actor = agentOf(req);
    if (!actor) return void res.status(401).json({ error: 'unauthenticated' });
    const kind = String(req.query.kind ?? '') as AttachmentKind;
    if (!ATTACHMENT_KINDS.includes(kind)) return void res.status(400).json(refusal('outbound.refusal.attachmentUnsupportedType', { type: String(req.get('content-type') ?? '') }));
    const maxBytes = MEDIA_SIZE_LIMITS[kind];
    if (Number(req.get('content-length') ?? 0) > maxBytes) {
      return void res.status(413).json(refusal('outbound.refusal.attachmentTooLarge', { maxMegabytes: Math.floor(maxBytes / (1024 * 1024)) }));
    }
    readBody(req, maxBytes)
      .then(async (data) => {
        const message = await sendMedia(context, {
          conversationId: String(req.query.conversation ?? ''),
          kind,
          file: { data, mimeType: req.get('content-type') ?? '', fileName: fileName(req.get('x-file-name')) },
          caption: typeof req.query.caption === 'string' && req.query.caption.trim() !== '' ? req.query.caption.trim() : undefined,
          replyToMessageId: typeof req.query.replyTo === 'string' && req.query.replyTo !== '' ? req.query.replyTo : null,
          actor,
        });
        res.json({ messageId: message.id } satisfies UploadAnswer);
      })
      .catch((error: unknown) => {
        if (error instanceof Refusal) return void res.status(422).json(refusal(error.key, error.params));
        next(error);
      });
  });
  return router;
}

function refusal(message: string, options: Record<string, string | number> = {}): UploadAnswer {
  return { notice: { message, type: 'error', options } };
}

function fileName(header: string | undefined): string | null {
  if (!header) return null;
  try {
    // Only the name: no path, no control characters.
    return [...decodeURIComponent(header)].filter((c) => c >= ' ' && c !== '/' && c !== '\\').join('').slice(0, 200) || null;
  } catch {
    return null;
  }
}

/** The body, refused once it passes `maxBytes` whatever Content-Length said. */
function readBody(req: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        req.destroy();
        reject(Object.assign(new Error(`attachment over ${maxBytes} bytes`), { status: 413 }));
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
