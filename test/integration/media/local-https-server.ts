import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

export interface RecordedRequest {
  host: string | undefined;
  path: string;
  authorization: string | undefined;
  userAgent: string | undefined;
}

export type Route = (request: IncomingMessage, response: ServerResponse) => void;

/**
 * A stand-in for Meta's Graph API and media CDN: real HTTPS with a throwaway self-signed
 * certificate (made by the openssl CLI), trusted only by the requests a test passes `ca` to.
 */
export interface LocalHttpsServer {
  ca: string;
  port: number;
  /** `https://localhost:<port>` — the name tests put in the allow-list. */
  origin: string;
  /** The same server under another name, which is not in the allow-list. */
  otherOrigin: string;
  requests: RecordedRequest[];
  route(path: string, handler: Route): void;
  hits(path: string): number;
  close(): Promise<void>;
}

export async function startLocalHttpsServer(): Promise<LocalHttpsServer> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'awp-media-tls-'));
  try {
    await promisify(execFile)('openssl', [
      'req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
      '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem'), '-days', '1',
      '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost,IP:127.0.0.1',
    ]);
    const [key, cert] = await Promise.all([readFile(path.join(dir, 'key.pem'), 'utf8'), readFile(path.join(dir, 'cert.pem'), 'utf8')]);
    const routes = new Map<string, Route>();
    const requests: RecordedRequest[] = [];
    const server: Server = createServer({ key, cert }, (request, response) => {
      const url = new URL(request.url ?? '/', 'https://placeholder');
      requests.push({
        host: request.headers.host,
        path: url.pathname,
        authorization: request.headers.authorization,
        userAgent: request.headers['user-agent'],
      });
      const handler = routes.get(url.pathname);
      if (handler) handler(request, response);
      else response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, resolve));
    const { port } = server.address() as AddressInfo;
    return {
      ca: cert,
      port,
      origin: `https://localhost:${port}`,
      otherOrigin: `https://127.0.0.1:${port}`,
      requests,
      route: (routePath, handler) => void routes.set(routePath, handler),
      hits: (routePath) => requests.filter((r) => r.path === routePath).length,
      close: () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function json(status: number, body: unknown): Route {
  return (_request, response) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  };
}

export function file(bytes: Buffer, contentType = 'application/octet-stream'): Route {
  return (_request, response) => {
    response.writeHead(200, { 'content-type': contentType, 'content-length': bytes.length }).end(bytes);
  };
}

export function redirect(location: string, status = 302): Route {
  return (_request, response) => {
    response.writeHead(status, { location }).end();
  };
}
