import { isAllowedMediaHost, META_MEDIA_HOSTS } from '../media/safe-media-fetch.js';
import { GraphApiError, graphApiErrorFromAnswer } from './graph-api-error.js';
import {
  AnswerTooLargeError,
  deadline,
  graphJson,
  readCapped,
  transportError,
  unexpectedAnswer,
  type GraphCall,
  type GraphTransportSettings,
} from './graph-transport.js';
import { assertSuccess, type NumberCall } from './messages-api.js';

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

export interface DownloadedMedia {
  data: Buffer;
  mimeType: string | null;
}

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
 * Downloads a URL from `getMediaInfo` with the bearer token. The token only goes to the Graph
 * API's own origin or over https to Meta's media hosts, each redirect hop checked before it is
 * followed; the body is capped at `maxBytes`.
 */
export async function downloadMedia(
  settings: GraphTransportSettings,
  call: GraphCall,
  url: string,
  options: { maxBytes: number },
): Promise<DownloadedMedia> {
  const operation = 'GET {media-url}';
  const graphOrigin = new URL(settings.baseUrl).origin;
  const { signal, timedOut } = deadline(call.timeoutMs ?? settings.timeoutMs, call.signal);
  let current = new URL(url);
  for (let hop = 0; ; hop += 1) {
    if (current.origin !== graphOrigin && !(current.protocol === 'https:' && isAllowedMediaHost(current, META_MEDIA_HOSTS))) {
      throw new GraphApiError({ kind: 'invalid-request', outcome: 'not-sent', operation, summary: `refused to send the token to ${current.origin}` });
    }
    let response: Response;
    try {
      response = await settings.fetch(current, {
        headers: { authorization: `Bearer ${call.accessToken}`, 'user-agent': settings.userAgent, 'accept-encoding': 'identity' },
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      throw transportError(error, timedOut(), operation);
    }
    const location = response.headers.get('location');
    if (REDIRECT_STATUSES.has(response.status) && location) {
      await response.body?.cancel();
      if (hop >= MAX_REDIRECTS) throw new GraphApiError({ kind: 'http-error', outcome: 'rejected', operation, summary: 'too many redirects' });
      current = new URL(location, current);
      continue;
    }
    let data: Buffer;
    try {
      data = await readCapped(response, options.maxBytes);
    } catch (error) {
      if (!(error instanceof AnswerTooLargeError)) throw transportError(error, timedOut(), operation);
      throw new GraphApiError({ kind: 'invalid-response', outcome: 'rejected', operation, httpStatus: response.status, summary: error.message });
    }
    if (response.status < 200 || response.status >= 300) throw graphApiErrorFromAnswer(response.status, parseJson(data), operation);
    return { data, mimeType: response.headers.get('content-type') };
  }
}

function parseJson(data: Buffer): unknown {
  try {
    return JSON.parse(data.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
