import { pipeline, type Readable } from 'node:stream';
import type { GraphMediaInfo } from '../cloud-api/index.js';
import { LocalMediaStorage } from '../media/local-media-storage.js';
import { MediaDownloadError, permanentMediaError, retryableMediaError, type MediaFailureReason } from '../media/media-download-error.js';
import { maxMediaBytes } from '../domain/media-rules.js';
import { mediaStorageKey } from '../media/media-storage-key.js';
import type { MediaStorage, StoredMedia } from '../media/media-storage.js';
import { parseSha256, sha256Verifier } from '../media/sha256-digest.js';
import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';
import { queryOne, type Queryable } from '../db/sql.js';
import { recordMediaError, recordStoredMedia } from '../statuses/record-stored-media.js';
import { isUuid } from '../domain/uuid.js';
import { isExpiredUrl, mediaFailureOf } from './graph-media-failure.js';

export interface DownloadMediaJobData {
  messageId: string;
}

export interface DownloadMediaDeps {
  /** Default: a LocalMediaStorage on `context.options.mediaDir`. */
  storage?: MediaStorage;
  /** The whole job (Graph calls and download) must end within this; below the queue's 300 s expiry. */
  deadlineMs?: number;
}

export type DownloadMediaResult = { status: 'stored'; key: string; size: number } | { status: 'already-stored'; key: string };

export type DownloadMediaOutcome = DownloadMediaResult | { status: 'failed'; reason: MediaFailureReason; message: string };

const DEFAULT_DEADLINE_MS = 240_000;

interface MediaMessageRow {
  id: string;
  type: string;
  payload: Record<string, unknown> | null;
  media_id: string | null;
  media_mime_type: string | null;
  media_sha256: string | null;
  media_file_name: string | null;
  media_storage_path: string | null;
  received_at: Date | null;
  created_at: Date;
  account_id: string;
  phone_number_id: string;
}

/**
 * Downloads one inbound message's media file through the Graph client (`context.graph`, the only
 * way to Meta) and records where it is stored. The message is already in the inbox when this
 * runs: a slow or failing download never holds it back. Throws MediaDownloadError: `retryable`
 * for network trouble and outages, permanent for what a retry cannot fix (wrong checksum, over
 * the cap, a host that is not Meta's).
 */
export async function downloadMediaJob(
  context: PluginContext,
  data: DownloadMediaJobData,
  deps: DownloadMediaDeps = {},
): Promise<DownloadMediaResult> {
  const message = isUuid(data.messageId) ? await loadMediaMessage(context.dataSource, data.messageId) : undefined;
  if (!message) throw permanentMediaError('message-not-found', `message ${data.messageId} does not exist`);
  if (message.media_storage_path) return { status: 'already-stored', key: message.media_storage_path };

  const media = mediaPart(message);
  const payloadUrl = typeof media.url === 'string' ? media.url : null;
  if (!message.media_id && !payloadUrl) throw permanentMediaError('no-media', `message ${message.id} carries no media id`);
  const accessToken = await context.accounts.accessToken(message.account_id);
  if (!accessToken) throw permanentMediaError('no-access-token', `account ${message.account_id} has no access token`);

  const deadlineMs = deps.deadlineMs ?? DEFAULT_DEADLINE_MS;
  const call = { accessToken, timeoutMs: deadlineMs, signal: AbortSignal.timeout(deadlineMs) };
  const maxBytes = maxMediaBytes(message.type, { animated: media.animated === true });
  const askGraph = async (): Promise<GraphMediaInfo> => {
    if (!message.media_id) throw permanentMediaError('media-unavailable', `the media URL of message ${message.id} expired and it has no media id`);
    return context.graph.getMediaInfo({ ...call, phoneNumberId: message.phone_number_id }, message.media_id).catch((error: unknown) => {
      throw mediaFailureOf(error, 'media-info');
    });
  };

  let info: GraphMediaInfo | null = payloadUrl ? null : await askGraph();
  let url = payloadUrl ?? info!.url;
  for (let refreshed = false; ; refreshed = true) {
    if (info?.fileSize != null && info.fileSize > maxBytes) {
      throw permanentMediaError('too-large', `Meta reports ${info.fileSize} bytes for a ${message.type}, the cap is ${maxBytes}`);
    }
    let body: Readable;
    try {
      ({ body } = await context.graph.downloadMedia(call, url, { maxBytes }));
    } catch (error) {
      if (!isExpiredUrl(error) || refreshed) throw mediaFailureOf(error, 'download');
      info = await askGraph();
      url = info.url;
      continue;
    }
    const stored = await store(deps.storage ?? new LocalMediaStorage(context.options.mediaDir), message, info, body);
    await recordStoredMedia(context.dataSource, message.id, stored, info?.mimeType ?? null);
    return { status: 'stored', ...stored };
  }
}

/**
 * Registers the download worker with pg-boss. Permanent failures complete the job with a
 * `failed` outcome (kept as the job's output, and logged) so pg-boss does not retry what
 * cannot succeed; anything else is thrown for the queue's retries and dead letter.
 */
export async function registerDownloadMediaWorker(
  context: PluginContext,
  deps: DownloadMediaDeps = {},
  options: { concurrency?: number; pollingIntervalSeconds?: number } = {},
): Promise<string[]> {
  const workerIds: string[] = [];
  for (let i = 0; i < (options.concurrency ?? 2); i += 1) {
    workerIds.push(
      await context.jobs.work<DownloadMediaJobData>(
        QUEUES.downloadMedia,
        { batchSize: 1, pollingIntervalSeconds: options.pollingIntervalSeconds ?? 1 },
        async ([job]) => (job ? runDownloadMedia(context, job.data, deps) : undefined),
      ),
    );
  }
  return workerIds;
}

/** One job run as the worker does it: permanent failures become an outcome, the rest is thrown. */
export async function runDownloadMedia(
  context: PluginContext,
  data: DownloadMediaJobData,
  deps: DownloadMediaDeps = {},
): Promise<DownloadMediaOutcome> {
  try {
    return await downloadMediaJob(context, data, deps);
  } catch (error) {
    const reason = error instanceof MediaDownloadError ? error.reason : 'unexpected';
    const detail = error instanceof Error ? error.message : String(error);
    // Recorded on every failure, so the reason stays visible even when the retries run out.
    await recordMediaError(context.dataSource, data.messageId, reason, detail).catch(() => undefined);
    if (error instanceof MediaDownloadError && error.permanent) {
      context.logger.warn('media download failed for good', { messageId: data.messageId, reason: error.reason, error: error.message });
      return { status: 'failed', reason: error.reason, message: error.message };
    }
    context.logger.warn('media download failed, will retry', {
      messageId: data.messageId,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}

async function store(storage: MediaStorage, message: MediaMessageRow, info: GraphMediaInfo | null, body: Readable): Promise<StoredMedia> {
  const digests = [message.media_sha256, info?.sha256].filter((value): value is string => !!value).map((value) => {
    const digest = parseSha256(value);
    if (!digest) throw permanentMediaError('invalid-checksum', `${JSON.stringify(value)} is not a sha256`);
    return digest;
  });
  const mimeType = info?.mimeType ?? message.media_mime_type;
  const key = mediaStorageKey({
    messageId: message.id,
    date: message.received_at ?? message.created_at,
    fileName: message.media_file_name,
    mimeType,
    fallbackName: message.type,
  });
  const checked = pipeline(body, sha256Verifier(digests), () => undefined);
  try {
    return await storage.put(key, checked, { contentType: mimeType });
  } catch (error) {
    body.destroy();
    if (error instanceof MediaDownloadError) throw error;
    // File-system errors name the path they failed on; anything else came from the download.
    if ((error as NodeJS.ErrnoException).path !== undefined) {
      throw retryableMediaError('storage', `could not store ${key}: ${(error as Error).message}`, error);
    }
    throw mediaFailureOf(error, 'download');
  }
}

function mediaPart(message: MediaMessageRow): Record<string, unknown> {
  const part = message.payload?.[message.type];
  return part && typeof part === 'object' ? (part as Record<string, unknown>) : {};
}

async function loadMediaMessage(db: Queryable, messageId: string): Promise<MediaMessageRow | undefined> {
  return queryOne<MediaMessageRow>(
    db,
    `SELECT m.id, m.type, m.payload, m.media_id, m.media_mime_type, m.media_sha256, m.media_file_name,
            m.media_storage_path, m.received_at, m.created_at, c.account_id, a.phone_number_id
       FROM whatsapp_messages m
       JOIN whatsapp_conversations c ON c.id = m.conversation_id
       JOIN whatsapp_accounts a ON a.id = c.account_id
      WHERE m.id = $1`,
    [messageId],
  );
}
