import type { Readable } from 'node:stream';
import { DEFAULT_GRAPH_BASE_URL } from './graph-api-version.js';
import { z } from 'zod';
import { permanentMediaError, retryableMediaError, type MediaDownloadError } from '../media/media-download-error.js';
import { asMediaError, safeMediaFetch, type SafeMediaFetchOptions } from '../media/safe-media-fetch.js';



const MAX_GRAPH_ANSWER_BYTES = 64 * 1024;

// Graph error codes that mean "later": rate limits and temporary outages (reference §3).
const RETRYABLE_GRAPH_CODES = new Set([1, 2, 4, 17, 32, 613, 80007, 130429, 131000, 131016, 131057]);
// "Invalid parameter" on a media id: unknown or past its 7 days; asking again will not bring it back.
const MEDIA_GONE_CODES = new Set([100]);

const mediaInfoSchema = z.object({
  url: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  file_size: z.union([z.number(), z.string()]).optional(),
  id: z.string().optional(),
});

const graphErrorSchema = z.object({
  error: z.object({ message: z.string().optional(), code: z.number().optional(), error_subcode: z.number().optional() }),
});

export interface MediaInfo {
  url: string;
  mimeType: string | null;
  sha256: string | null;
  fileSize: number | null;
}

export interface MediaInfoRequest {
  graphBaseUrl?: string;
  mediaId: string;
  /** Makes Meta check that the media belongs to this number. */
  phoneNumberId?: string | null;
  accessToken: string;
  fetch?: Omit<SafeMediaFetchOptions, 'maxBytes' | 'bearerToken' | 'accept'>;
}

/** `GET /{media-id}` → a short-lived download URL and what Meta knows of the file. */
export async function fetchMediaInfo(request: MediaInfoRequest): Promise<MediaInfo> {
  const url = new URL(`${(request.graphBaseUrl ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '')}/${encodeURIComponent(request.mediaId)}`);
  if (request.phoneNumberId) url.searchParams.set('phone_number_id', request.phoneNumberId);
  const response = await safeMediaFetch(url, {
    ...request.fetch,
    maxBytes: MAX_GRAPH_ANSWER_BYTES,
    bearerToken: request.accessToken,
    accept: 'application/json',
  });
  const text = await readText(response.body).catch((error: unknown) => {
    throw asMediaError(error, url);
  });
  const json = parseJson(text);
  if (response.status >= 200 && response.status < 300) {
    const parsed = mediaInfoSchema.safeParse(json);
    if (!parsed.success) throw retryableMediaError('graph-error', `GET /{media-id} answered ${response.status} without a media URL`);
    const fileSize = parsed.data.file_size === undefined ? null : Number(parsed.data.file_size);
    return {
      url: parsed.data.url,
      mimeType: parsed.data.mime_type ?? null,
      sha256: parsed.data.sha256 ?? null,
      fileSize: Number.isFinite(fileSize) ? fileSize : null,
    };
  }
  throw graphFailure(response.status, json);
}

export function graphFailure(status: number, body: unknown): MediaDownloadError {
  const error = graphErrorSchema.safeParse(body);
  const code = error.success ? error.data.error.code : undefined;
  const detail = `GET /{media-id} answered ${status}${code === undefined ? '' : ` (code ${code})`}${
    error.success && error.data.error.message ? `: ${error.data.error.message}` : ''
  }`;
  if (status >= 500 || status === 429 || (code !== undefined && RETRYABLE_GRAPH_CODES.has(code))) {
    return retryableMediaError('graph-error', detail);
  }
  if (code !== undefined && MEDIA_GONE_CODES.has(code)) return permanentMediaError('media-unavailable', detail);
  return permanentMediaError('graph-error', detail);
}

async function readText(body: Readable): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
