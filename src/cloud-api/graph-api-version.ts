/**
 * The one place the Graph API version is pinned. Meta retires a version about two years after
 * its release; moving to a newer one is a deliberate change tested against its changelog,
 * never a silent default of the server.
 */
export const GRAPH_API_VERSION = 'v26.0';

/** Meta's Graph API host, without a version. */
export const META_GRAPH_URL = 'https://graph.facebook.com';

/** Where every Graph call goes by default: Meta's host at the pinned version. */
export const DEFAULT_GRAPH_BASE_URL = `${META_GRAPH_URL}/${GRAPH_API_VERSION}`;

const VERSION_SEGMENT = /\/v\d+\.\d+$/;

/**
 * The versioned base URL for a configured Graph URL (`WHATSAPP_GRAPH_URL`). A URL that already
 * ends in a version (`…/v24.0`) is used as given, so an operator can try a newer version
 * without a release; otherwise the pinned version is appended.
 */
export function graphBaseUrl(graphUrl?: string | null): string {
  const trimmed = graphUrl?.trim().replace(/\/+$/, '');
  if (!trimmed) return DEFAULT_GRAPH_BASE_URL;
  const url = new URL(trimmed);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`the Graph URL must be http(s), got ${url.protocol}`);
  return VERSION_SEGMENT.test(trimmed) ? trimmed : `${trimmed}/${GRAPH_API_VERSION}`;
}
