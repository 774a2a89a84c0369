import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { GraphApiError, graphApiErrorFromAnswer } from './graph-api-error.js';
import {
  deadline,
  graphJson,
  readCapped,
  transportError,
  unexpectedAnswer,
  type GraphCall,
  type GraphTransportSettings,
} from './graph-transport.js';
import { assertSuccess, type NumberCall } from './messages-api.js';
import { mayCarryToken } from './meta-media-hosts.js';

export interface MediaUpload {
  data: Uint8Array | Blob;
  /** e.g. `image/jpeg`; Meta checks it against its list of supported types and size caps. */
  mimeType: string;
  filename?: string;
}

export interface GraphMediaInfo {
  id: string;
  /** Short-lived (about 5 minutes): ask again when it has expired. */
  url: string;
  mimeType: string | null;
  sha256: string | null;
  fileSize: number | null;
}

export interface MediaDownload {
  /** The file's bytes; the stream fails with a GraphApiError (limit `size`) once past the cap. */
  body: Readable;
  mimeType: string | null;
  /** What the server announced (Content-Length), if it did. */
  size: number | null;
  /** Where the bytes come from, after redirects. */
  url: URL;
}

const DOWNLOAD = 'GET {media-url}';
const MAX_ERROR_ANSWER_BYTES = 64 * 1024;
const MAX_REDIRECTS = 5;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** `POST /{phone-number-id}/media` (multipart) → the media id to send, valid 30 days. */
export async function uploadMedia(settings: GraphTransportSettings, call: NumberCall, file: MediaUpload): Promise<{ id: string }> {
  const operation = 'POST /{phone-number-id}/media';
  const form = new FormData();
  form.set('messaging_product', 'whatsapp');
  form.set('type', file.mimeType);
  const blob = file.data instanceof Blob ? file.data : new Blob([file.data as BlobPart], { type: file.mimeType });
  form.set('file', blob, file.filename ?? 'file');
  const answer = (await graphJson(settings, {
    ...call,
    method: 'POST',
    path: `/${encodeURIComponent(call.phoneNumberId)}/media`,
    operation,
    form,
  })) as { id?: unknown } | null;
  if (typeof answer?.id !== 'string' || answer.id === '') throw unexpectedAnswer(operation, 'media id');
  return { id: answer.id };
}

/** `GET /{media-id}`; with `phoneNumberId` Meta also checks the media belongs to that number. */
export async function getMediaInfo(
  settings: GraphTransportSettings,
  call: GraphCall & { phoneNumberId?: string },
  mediaId: string,
): Promise<GraphMediaInfo> {
  const operation = 'GET /{media-id}';
  const answer = (await graphJson(settings, {
    ...call,
    method: 'GET',
    path: `/${encodeURIComponent(mediaId)}`,
    operation,
    query: { phone_number_id: call.phoneNumberId },
  })) as { id?: unknown; url?: unknown; mime_type?: unknown; sha256?: unknown; file_size?: unknown } | null;
  if (typeof answer?.url !== 'string' || answer.url === '') throw unexpectedAnswer(operation, 'media URL');
  const fileSize = answer.file_size === undefined ? NaN : Number(answer.file_size);
  return {
    id: typeof answer.id === 'string' ? answer.id : mediaId,
    url: answer.url,
    mimeType: typeof answer.mime_type === 'string' ? answer.mime_type : null,
    sha256: typeof answer.sha256 === 'string' ? answer.sha256 : null,
    fileSize: Number.isFinite(fileSize) ? fileSize : null,
  };
}

export async function deleteMedia(settings: GraphTransportSettings, call: GraphCall & { phoneNumberId?: string }, mediaId: string): Promise<void> {
  const operation = 'DELETE /{media-id}';
  const answer = await graphJson(settings, {
    ...call,
    method: 'DELETE',
    path: `/${encodeURIComponent(mediaId)}`,
    operation,
    query: { phone_number_id: call.phoneNumberId },
  });
  assertSuccess(answer, operation);
}

/**
 * Streams a file from a URL `getMediaInfo` (or a webhook) gave, with the bearer token. The token
 * only goes to the Graph API's own origin or over https to Meta's media hosts, each redirect hop
 * checked before it is followed. The body is capped at `maxBytes`: it fails as soon as it passes
 * them, whatever Content-Length said. Every failure, the body's included, is a GraphApiError.
 */
export async function downloadMedia(
  settings: GraphTransportSettings,
  call: GraphCall,
  url: string,
  options: { maxBytes: number },
): Promise<MediaDownload> {
  const graphOrigin = new URL(settings.baseUrl).origin;
  const { signal, timedOut } = deadline(call.timeoutMs ?? settings.timeoutMs, call.signal);
  let current = mediaUrl(url);
  for (let hop = 0; ; hop += 1) {
    if (!mayCarryToken(current, graphOrigin)) {
      throw new GraphApiError({ kind: 'invalid-request', outcome: 'not-sent', operation: DOWNLOAD, limit: 'media-host', summary: `refused to send the token to ${current.origin}` });
    }
    let response: Response;
    try {
      response = await settings.fetch(current, {
        headers: { authorization: `Bearer ${call.accessToken}`, 'user-agent': settings.userAgent, 'accept-encoding': 'identity' },
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      throw transportError(error, timedOut(), DOWNLOAD);
    }
    const location = response.headers.get('location');
    if (REDIRECT_STATUSES.has(response.status) && location) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) {
        throw new GraphApiError({ kind: 'http-error', outcome: 'rejected', operation: DOWNLOAD, httpStatus: response.status, limit: 'redirects', summary: `more than ${MAX_REDIRECTS} redirects` });
      }
      current = mediaUrl(location, current);
      continue;
    }
    if (response.status < 200 || response.status >= 300) {
      const answer = await readCapped(response, MAX_ERROR_ANSWER_BYTES).catch(() => Buffer.alloc(0));
      throw graphApiErrorFromAnswer(response.status, parseJson(answer), DOWNLOAD);
    }
    const declared = response.headers.has('content-length') ? Number(response.headers.get('content-length')) : NaN;
    if (declared > options.maxBytes) {
      await response.body?.cancel();
      throw tooLarge(response.status, `${current.origin} announced ${declared} bytes, the cap is ${options.maxBytes}`);
    }
    const source = response.body ? Readable.fromWeb(response.body as WebReadableStream<Uint8Array>) : null;
    const chunks = capped(source, options.maxBytes, response.status, timedOut);
    return {
      body: Readable.from(chunks, { objectMode: false }),
      mimeType: response.headers.get('content-type'),
      size: Number.isFinite(declared) ? declared : null,
      url: current,
    };
  }
}

async function* capped(
  body: Readable | null,
  maxBytes: number,
  httpStatus: number,
  timedOut: () => boolean,
): AsyncGenerator<Buffer> {
  if (!body) return;
  let seen = 0;
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      seen += chunk.length;
      if (seen > maxBytes) throw tooLarge(httpStatus, `the file passed the cap of ${maxBytes} bytes`);
      yield chunk;
    }
  } catch (error) {
    throw error instanceof GraphApiError ? error : transportError(error, timedOut(), DOWNLOAD);
  }
}

function tooLarge(httpStatus: number, summary: string): GraphApiError {
  return new GraphApiError({ kind: 'invalid-response', outcome: 'rejected', operation: DOWNLOAD, httpStatus, limit: 'size', summary });
}

function mediaUrl(value: string, base?: URL): URL {
  try {
    return new URL(value, base);
  } catch (error) {
    throw new GraphApiError({ kind: 'invalid-request', outcome: 'not-sent', operation: DOWNLOAD, limit: 'media-host', summary: 'not a valid URL', cause: error });
  }
}

function parseJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
