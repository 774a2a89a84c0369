import type { IncomingHttpHeaders, IncomingMessage, OutgoingHttpHeaders } from 'node:http';
import https from 'node:https';
import { pipeline, Transform, type Readable } from 'node:stream';
import { MediaDownloadError, permanentMediaError, retryableMediaError } from './media-download-error.js';

/**
 * The hosts Meta serves the Graph API and media files from. Media URLs come from outside (a
 * webhook payload, an API answer) and are fetched with the account's token, so every hop,
 * redirects included, must be https to one of these (SSRF, token leak; reference §6).
 * `*.example.net` matches subdomains only. An entry may end in `:port`; without one only
 * the default https port is allowed.
 */
export const META_MEDIA_HOSTS: readonly string[] = ['graph.facebook.com', 'lookaside.fbsbx.com', '*.fbcdn.net', '*.whatsapp.net'];

/** Meta's media host expects an explicit User-Agent (reference §6). */
export const MEDIA_USER_AGENT = 'adminjs-whatsapp/0.1 (media download)';

const DEFAULT_MAX_REDIRECTS = 5;
const DEFAULT_IDLE_TIMEOUT_MS = 30_000;
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

export interface SafeMediaFetchOptions {
  /** The body fails as soon as it passes this many bytes, whatever Content-Length said. */
  maxBytes: number;
  /** Sent as `Authorization: Bearer …`; only ever reaches allowed hosts since every hop is checked first. */
  bearerToken?: string | null;
  allowedHosts?: readonly string[];
  maxRedirects?: number;
  /** A connection silent for this long is dropped (retryable). */
  idleTimeoutMs?: number;
  /** Aborts the whole exchange, body included (the caller's overall deadline). */
  signal?: AbortSignal;
  userAgent?: string;
  accept?: string;
  /** PEM certificates to trust instead of the system's CAs. Only for tests against a local HTTPS server. */
  tlsCa?: string | Buffer;
}

export interface SafeMediaResponse {
  status: number;
  /** The URL that answered, after redirects. */
  url: URL;
  headers: IncomingHttpHeaders;
  /** The response body, capped at `maxBytes`. */
  body: Readable;
}

/**
 * GET a URL that came from outside, following redirects by hand so that each hop is checked
 * before anything (the token included) is sent to it. The response is returned whatever its
 * status; the caller decides what a 404 or a 500 means.
 */
export async function safeMediaFetch(url: string | URL, options: SafeMediaFetchOptions): Promise<SafeMediaResponse> {
  const allowedHosts = options.allowedHosts ?? META_MEDIA_HOSTS;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  let current = parseUrl(url);
  for (let redirects = 0; ; redirects += 1) {
    assertAllowedMediaUrl(current, allowedHosts);
    const response = await get(current, options);
    const status = response.statusCode ?? 0;
    const location = response.headers.location;
    if (REDIRECT_STATUSES.has(status) && location) {
      response.destroy();
      if (redirects >= maxRedirects) {
        throw permanentMediaError('too-many-redirects', `more than ${maxRedirects} redirects from ${parseUrl(url).origin}`);
      }
      current = parseUrl(location, current);
      continue;
    }
    const declared = Number(response.headers['content-length']);
    if (Number.isFinite(declared) && declared > options.maxBytes) {
      response.destroy();
      throw permanentMediaError('too-large', `${current.origin} announced ${declared} bytes, the cap is ${options.maxBytes}`);
    }
    const body = pipeline(response, byteCap(options.maxBytes), () => undefined);
    return { status, url: current, headers: response.headers, body };
  }
}

export function assertAllowedMediaUrl(url: URL, allowedHosts: readonly string[] = META_MEDIA_HOSTS): void {
  if (url.protocol !== 'https:') throw permanentMediaError('disallowed-url', `refused ${url.protocol} URL (only https is fetched)`);
  if (!isAllowedMediaHost(url, allowedHosts)) throw permanentMediaError('disallowed-url', `refused host ${url.host}: not one of Meta's media hosts`);
}

export function isAllowedMediaHost(url: URL, allowedHosts: readonly string[] = META_MEDIA_HOSTS): boolean {
  const host = url.hostname.toLowerCase();
  return allowedHosts.some((entry) => {
    const { hostPattern, port } = splitEntry(entry.toLowerCase());
    if (url.port !== port) return false;
    if (hostPattern.startsWith('*.')) return host.endsWith(hostPattern.slice(1)) && host.length > hostPattern.length - 1;
    return host === hostPattern;
  });
}

function splitEntry(entry: string): { hostPattern: string; port: string } {
  const match = /^(.*):(\d+)$/.exec(entry);
  return match ? { hostPattern: match[1]!, port: match[2] === '443' ? '' : match[2]! } : { hostPattern: entry, port: '' };
}

function parseUrl(value: string | URL, base?: URL): URL {
  try {
    return new URL(value, base);
  } catch (error) {
    throw permanentMediaError('disallowed-url', 'not a valid URL', error);
  }
}

function get(url: URL, options: SafeMediaFetchOptions): Promise<IncomingMessage> {
  const headers: OutgoingHttpHeaders = {
    'user-agent': options.userAgent ?? MEDIA_USER_AGENT,
    accept: options.accept ?? '*/*',
    // The checksum is over the file's bytes: ask for them as they are.
    'accept-encoding': 'identity',
  };
  if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
  return new Promise((resolve, reject) => {
    const request = https.request(
      {
        hostname: url.hostname.replace(/^\[(.*)\]$/, '$1'),
        port: url.port || 443,
        path: `${url.pathname}${url.search}`,
        method: 'GET',
        headers,
        signal: options.signal,
        ...(options.tlsCa ? { ca: options.tlsCa } : {}),
      },
      resolve,
    );
    const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_IDLE_TIMEOUT_MS;
    request.setTimeout(idleTimeoutMs, () => {
      request.destroy(retryableMediaError('timeout', `${url.origin} was silent for ${idleTimeoutMs} ms`));
    });
    request.on('error', (error) => reject(asMediaError(error, url)));
    request.end();
  });
}

/** Network trouble is worth retrying; our own refusals keep their verdict. */
export function asMediaError(error: unknown, url?: URL): MediaDownloadError {
  if (error instanceof MediaDownloadError) return error;
  const where = url ? ` (${url.origin})` : '';
  if (error instanceof Error && error.name === 'AbortError') return retryableMediaError('timeout', `download aborted${where}`, error);
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  return retryableMediaError('network', `${code ? `${code}: ` : ''}${message}${where}`, error);
}

function byteCap(maxBytes: number): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      seen += chunk.length;
      if (seen > maxBytes) {
        callback(permanentMediaError('too-large', `the file passed the cap of ${maxBytes} bytes`));
        return;
      }
      callback(null, chunk);
    },
  });
}
