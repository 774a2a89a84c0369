import type { Browser } from '../../../support/test-back-office.js';

export interface ServerSentEvent {
  event: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  data: any;
  id?: string;
}

/**
 * Reads a text/event-stream response the way EventSource does (events, data, ids; comments
 * and `retry` skipped), and lets a test wait for the event it expects, in order.
 */
export class EventStream {
  readonly received: ServerSentEvent[] = [];
  retry?: number;
  /** Comment lines (heartbeats) received so far. */
  comments = 0;
  /** The server finished the response (rather than the connection being cut or cancelled). */
  endedCleanly = false;
  private taken = 0;
  private ended = false;
  private cancelled = false;
  private wake: (() => void) | undefined;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;

  constructor(readonly response: Response) {
    this.reader = response.body!.getReader();
    void this.pump();
  }

  /** Waits for the next event that matches and returns every event taken on the way, that one last. */
  async until(match: (event: ServerSentEvent) => boolean, what = 'the expected event'): Promise<ServerSentEvent[]> {
    const taken: ServerSentEvent[] = [];
    for (;;) {
      while (this.taken < this.received.length) {
        const event = this.received[this.taken++]!;
        taken.push(event);
        if (match(event)) return taken;
      }
      if (this.ended) throw new Error(`the stream ended before ${what}; got ${JSON.stringify(taken)}`);
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  async next(event: string, match: (data: ServerSentEvent['data']) => boolean = () => true): Promise<ServerSentEvent> {
    return (await this.until((e) => e.event === event && match(e.data), `a matching "${event}" event`)).at(-1)!;
  }

  /** Waits until the server ends the stream; returns the events not taken yet. */
  async end(): Promise<ServerSentEvent[]> {
    while (!this.ended) await new Promise<void>((resolve) => (this.wake = resolve));
    return this.received.slice(this.taken);
  }

  async heartbeat(): Promise<void> {
    const seen = this.comments;
    while (this.comments === seen) {
      if (this.ended) throw new Error('the stream ended before a heartbeat');
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  get isEnded(): boolean {
    return this.ended;
  }

  async close(): Promise<void> {
    this.cancelled = true;
    await this.reader.cancel().catch(() => undefined);
  }

  private async pump(): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const { done, value } = await this.reader.read();
        if (done) {
          this.endedCleanly = !this.cancelled;
          break;
        }
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Cancelled by the test, or the connection was cut: both end the stream.
    }
    this.ended = true;
    this.wake?.();
  }

  private parse(block: string): void {
    const event: Partial<ServerSentEvent> & { lines: string[] } = { lines: [] };
    for (const line of block.split('\n')) {
      if (line.startsWith(':')) {
        this.comments += 1;
        this.wake?.();
        continue;
      }
      const colon = line.indexOf(':');
      const field = colon < 0 ? line : line.slice(0, colon);
      const value = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
      if (field === 'event') event.event = value;
      else if (field === 'data') event.lines.push(value);
      else if (field === 'id') event.id = value;
      else if (field === 'retry') this.retry = Number(value);
    }
    if (event.lines.length === 0) return;
    this.received.push({ event: event.event ?? 'message', data: JSON.parse(event.lines.join('\n')), id: event.id });
    this.wake?.();
  }
}

/** Opens the live stream as this signed-in browser would; the response is returned whatever its status. */
export async function openLiveStream(browser: Browser, options: { query?: string; headers?: Record<string, string> } = {}): Promise<EventStream> {
  const response = await browser.request(`/admin/whatsapp/live${options.query ?? ''}`, {
    headers: { accept: 'text/event-stream', ...options.headers },
  });
  return new EventStream(response);
}
