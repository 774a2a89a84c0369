import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

/**
 * `fetch` for a client under test that talks to local stand-ins of Meta's hosts: over node's
 * http(s), trusting `ca` (a throwaway certificate for `localhost`), with host names resolved by
 * `hosts` (`lookaside.fbsbx.com` → `localhost:<port>`) as DNS would resolve them to Meta. It never
 * follows redirects, which the media client asks for anyway.
 */
export function localFetch(options: { ca: string; hosts?: Readonly<Record<string, string>> }): typeof fetch {
  return (input, init = {}) =>
    new Promise<Response>((resolve, reject) => {
      const url = new URL(input instanceof Request ? input.url : String(input));
      const [hostname, port] = (options.hosts?.[url.hostname] ?? url.host).split(':');
      const secure = url.protocol === 'https:';
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => (headers[name] = value));
      const request = (secure ? https : http).request(
        {
          hostname,
          port: port || (secure ? 443 : 80),
          path: `${url.pathname}${url.search}`,
          method: init.method ?? 'GET',
          headers: { ...headers, host: url.host },
          ca: options.ca,
          servername: 'localhost',
          signal: init.signal ?? undefined,
        },
        (response) => {
          const status = response.statusCode ?? 500;
          const answerHeaders = new Headers();
          for (const [name, value] of Object.entries(response.headers)) {
            for (const one of Array.isArray(value) ? value : [value]) if (one !== undefined) answerHeaders.append(name, one);
          }
          const body = status === 204 || status === 304 ? null : (Readable.toWeb(response) as ReadableStream<Uint8Array>);
          resolve(new Response(body, { status, headers: answerHeaders }));
        },
      );
      request.on('error', reject);
      request.end();
    });
}
