import { MEDIA_SIZE_LIMITS } from '../domain/media-rules.js';
import type { RequestHandler } from 'express';

export interface BodyLimits {
  /** Bytes a request body may have. */
  maxBytes: number;
  /** Bytes a CSV upload (`text/csv`, a broadcast's audience) may have: streamed by its route, never held whole. */
  maxCsvBytes: number;
  /** Bytes a knowledge document (`application/pdf`, `text/plain`, `text/markdown`) may have: the assistant's upload route holds it to its own cap. */
  maxDocumentBytes: number;
  /** Fields (keys and array items, at any depth) a body may carry. */
  maxFields: number;
}

export const DEFAULT_BODY_LIMITS: BodyLimits = { maxBytes: 1_000_000, maxCsvBytes: 50_000_000, maxDocumentBytes: 10_485_760, maxFields: 1_000 };

const DOCUMENT_TYPES = ['application/pdf', 'text/plain', 'text/markdown'];

/**
 * Where agents post attachments, under the back office's path: a raw file (never parsed here),
 * as large as Meta's largest media (a 100 MB document); the upload route holds each kind to its
 * own cap.
 */
export const ATTACHMENT_UPLOADS_PATH = '/whatsapp/uploads';
const MAX_ATTACHMENT_BYTES = MEDIA_SIZE_LIMITS.document;

const refused = (status: number, message: string) => Object.assign(new Error(message), { status });

/**
 * Bounds what one request may make the server parse on the admin routes: every body declares its
 * size (a chunked body of unknown size is refused, 411) and at most `maxBytes`, refused (413)
 * before a byte is read. A JSON body is read here and its fields counted before it is parsed
 * (JSON.parse and AdminJS's flattening of 400,000 keys block the event loop for seconds; no
 * JSON parser limits keys). Form bodies are left to their parser, which counts fields itself:
 * urlencoded parsers stop at 1,000 keys, and AdminJS's formidable counts multipart parts with
 * `formidableOptions(limits)` passed to `buildRouter`.
 *
 * A JSON body read here is handed on parsed (`req.body`, and `req.fields` marked parsed for
 * AdminJS's express-formidable, which then skips it). `req._body`, body-parser's own mark, is
 * not set: AdminJS's `buildAuthenticatedRouter` refuses requests that carry it. So no JSON body
 * parser may come after this middleware on the same paths.
 */
export function limitBodies(limits: BodyLimits = DEFAULT_BODY_LIMITS): RequestHandler {
  return (req, _res, next) => {
    const length = req.headers['content-length'];
    if (length === undefined) return req.headers['transfer-encoding'] ? next(refused(411, 'request body without a length')) : next();
    const upload = req.path === ATTACHMENT_UPLOADS_PATH;
    const cap = upload
      ? MAX_ATTACHMENT_BYTES
      : req.is('text/csv')
        ? limits.maxCsvBytes
        : req.is(DOCUMENT_TYPES)
          ? limits.maxDocumentBytes
          : limits.maxBytes;
    if (Number(length) > cap) return next(refused(413, `request body of ${length} bytes`));
    if (upload || !req.is(['json', '+json'])) return next();
    readText(req).then((text) => {
      if (jsonFieldCount(text, limits.maxFields) > limits.maxFields) return next(refused(413, `request body with more than ${limits.maxFields} fields`));
      let parsed: unknown;
      try {
        parsed = text.trim() === '' ? {} : JSON.parse(text);
      } catch {
        return next(refused(400, 'request body is not valid JSON'));
      }
      Object.assign(req, { body: parsed, fields: parsed, files: {}, express_formidable: { parsed: true } });
      next();
    }, next);
  };
}

interface MultipartForm {
  handlePart(part: unknown): void;
  _error(error: Error): void;
  partsSeen?: number;
}

/**
 * The options that make AdminJS's formidable (v1) hold the same limits on multipart bodies:
 * `buildRouter(admin, undefined, options)`. formidable assigns them onto its form, and counts no
 * multipart fields itself; `onPart` is its documented hook for each part, so the count is kept
 * there, and a form past the limit fails with formidable's own kind of error ("max… exceeded").
 */
export function formidableOptions(limits: BodyLimits = DEFAULT_BODY_LIMITS) {
  return {
    maxFields: limits.maxFields,
    maxFieldsSize: limits.maxBytes,
    maxFileSize: limits.maxBytes,
    onPart(this: MultipartForm, part: unknown) {
      this.partsSeen = (this.partsSeen ?? 0) + 1;
      if (this.partsSeen > limits.maxFields) this._error(new Error('maxFields exceeded'));
      else this.handlePart(part);
    },
  };
}

function readText(req: NodeJS.ReadableStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/**
 * Object members and array items of a JSON text, counted without parsing it (strings skipped),
 * stopping once past `stopAfter`. Malformed text is counted as far as it goes; JSON.parse judges it.
 */
export function jsonFieldCount(text: string, stopAfter: number): number {
  let count = 0;
  let inString = false;
  const arrays: boolean[] = [];
  for (let i = 0; i < text.length && count <= stopAfter; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === ':') count++;
    else if (c === '{') arrays.push(false);
    else if (c === '[') {
      arrays.push(true);
      let ahead = i + 1;
      while (ahead < text.length && /\s/.test(text[ahead]!)) ahead++;
      if (ahead < text.length && text[ahead] !== ']') count++;
    } else if (c === '}' || c === ']') arrays.pop();
    else if (c === ',' && arrays.at(-1)) count++;
  }
  return count;
}
