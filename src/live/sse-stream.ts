import type { Response } from 'express';
import type { LiveStreamEventName } from '../domain/live-events.js';
import type { LiveStreamPayloads } from '../domain/live-events.js';

/** A slow or stalled client is dropped past this much unsent data, rather than buffered without end. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

let lastEventId = 0;

/** One Server-Sent Events response. */
export class SseStream {
  constructor(private readonly res: Response) {}

  /** Sends the headers; proxies must neither buffer nor transform the stream. */
  open(retryMs: number): void {
    this.res.status(200).set({
      'Content-Type': 'text/event-stream; charset=utf-8',
      'Cache-Control': 'no-cache, no-transform',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    this.res.flushHeaders();
    this.res.socket?.setNoDelay(true);
    this.write(`retry: ${retryMs}\n\n`);
  }

  /**
   * Every event carries an id so that the browser sends Last-Event-ID when it reconnects: the
   * server then knows this client was cut off and may have missed events.
   */
  send<E extends LiveStreamEventName>(event: E, data: LiveStreamPayloads[E]): void {
    this.write(`id: ${++lastEventId}\nevent: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
  }

  comment(text: string): void {
    this.write(`: ${text}\n\n`);
  }

  end(): void {
    if (!this.closed) this.res.end();
  }

  /** Also true once the connection is gone but before the response heard of it ('close' comes later). */
  get closed(): boolean {
    return this.res.writableEnded || this.res.destroyed || !this.res.socket || this.res.socket.destroyed;
  }

  private write(chunk: string): void {
    if (this.closed) return;
    if (this.res.writableLength > MAX_BUFFERED_BYTES) {
      this.res.destroy();
      return;
    }
    this.res.write(chunk);
    // A host's compression middleware holds small writes back unless asked to flush.
    (this.res as { flush?: () => void }).flush?.();
  }
}
