import { GraphApiError } from '../cloud-api/index.js';
import { MediaDownloadError, permanentMediaError, retryableMediaError } from '../media/media-download-error.js';

// What a CDN answers for a media URL past its ~5 minutes: ask Graph for a fresh one.
export const EXPIRED_URL_STATUSES: ReadonlySet<number> = new Set([401, 403, 404, 410]);
// "Invalid parameter" on a media id: unknown or past its 7 days; asking again will not bring it back.
const MEDIA_GONE_CODES = new Set([100]);

/** The CDN answered that the URL is no longer valid: a fresh one from Graph may work. */
export function isExpiredUrl(error: unknown): boolean {
  return error instanceof GraphApiError && error.kind === 'http-error' && error.limit === null && EXPIRED_URL_STATUSES.has(error.httpStatus ?? 0);
}

/**
 * The Graph client's typed failure as the download job's: permanent when another attempt would
 * fail the same way (a host the token may not go to, a file over the cap, a media id Meta no
 * longer knows), retryable for network trouble, outages and rate limits.
 */
export function mediaFailureOf(error: unknown, step: 'media-info' | 'download'): MediaDownloadError {
  if (error instanceof MediaDownloadError) return error;
  if (!(error instanceof GraphApiError)) {
    const aborted = error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError');
    return retryableMediaError(aborted ? 'timeout' : 'network', error instanceof Error ? error.message : String(error), error);
  }
  const detail = error.message;
  if (error.limit === 'media-host') return permanentMediaError('disallowed-url', detail, error);
  if (error.limit === 'redirects') return permanentMediaError('too-many-redirects', detail, error);
  if (error.limit === 'size') return permanentMediaError('too-large', detail, error);
  if (error.kind === 'transport') {
    const timedOut = error.transport === 'timeout-after-write' || error.transport === 'timeout-before-write';
    return retryableMediaError(timedOut ? 'timeout' : 'network', detail, error);
  }
  const status = error.httpStatus ?? 0;
  const outage = status >= 500 || status === 429 || error.classification.class === 'retryable';
  if (step === 'media-info') {
    if (error.code !== null && MEDIA_GONE_CODES.has(error.code)) return permanentMediaError('media-unavailable', detail, error);
    return outage ? retryableMediaError('graph-error', detail, error) : permanentMediaError('graph-error', detail, error);
  }
  if (EXPIRED_URL_STATUSES.has(status)) return permanentMediaError('media-unavailable', `${detail} even for a fresh URL`, error);
  return outage ? retryableMediaError('http-error', detail, error) : permanentMediaError('http-error', detail, error);
}
