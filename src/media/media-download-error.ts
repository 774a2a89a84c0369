/**
 * Why a media download did not store a file. The job records the reason so the back office
 * can say what happened to an attachment instead of showing an empty box.
 */
export const MEDIA_FAILURE_REASONS = [
  'message-not-found',
  'no-media',
  'no-access-token',
  'disallowed-url',
  'too-many-redirects',
  'too-large',
  'checksum-mismatch',
  'invalid-checksum',
  'media-unavailable',
  'graph-error',
  'http-error',
  'network',
  'timeout',
  'storage',
] as const;

export type MediaFailureReason = (typeof MEDIA_FAILURE_REASONS)[number];

/**
 * A download failure that says whether trying again can help. Retryable failures are thrown
 * to the queue (which retries with backoff); permanent ones end the job at once, because a
 * wrong checksum or a file over the cap will be just as wrong on the next attempt.
 */
export class MediaDownloadError extends Error {
  override name = 'MediaDownloadError';
  readonly reason: MediaFailureReason;
  readonly retryable: boolean;

  constructor(reason: MediaFailureReason, message: string, options: { retryable: boolean; cause?: unknown }) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.reason = reason;
    this.retryable = options.retryable;
  }

  get permanent(): boolean {
    return !this.retryable;
  }
}

export function permanentMediaError(reason: MediaFailureReason, message: string, cause?: unknown): MediaDownloadError {
  return new MediaDownloadError(reason, message, { retryable: false, cause });
}

export function retryableMediaError(reason: MediaFailureReason, message: string, cause?: unknown): MediaDownloadError {
  return new MediaDownloadError(reason, message, { retryable: true, cause });
}
