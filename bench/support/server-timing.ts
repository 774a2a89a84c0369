import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * Wraps the app the way a host's timing middleware would, outermost: the time from the request's
 * arrival to its response head (the body is already serialised by then), sent back as
 * `Server-Timing: app;dur=<ms>`. Benchmark setup only; the product does not send it.
 */
export function withServerTiming(listener: RequestListener): RequestListener {
  return (req: IncomingMessage, res: ServerResponse) => {
    const started = process.hrtime.bigint();
    const writeHead = res.writeHead;
    res.writeHead = function (this: ServerResponse, ...args: Parameters<ServerResponse['writeHead']>) {
      if (!this.headersSent) this.setHeader('Server-Timing', `app;dur=${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(3)}`);
      return writeHead.apply(this, args);
    } as ServerResponse['writeHead'];
    listener(req, res);
  };
}

/** The `app` duration of a Server-Timing header, in ms. */
export function serverTimeOf(header: string | null): number {
  const match = /app;dur=([\d.]+)/.exec(header ?? '');
  if (!match) throw new Error(`no Server-Timing app duration in ${JSON.stringify(header)}`);
  return Number(match[1]);
}
