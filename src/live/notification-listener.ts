import pg from 'pg';
import type { Logger } from '../config/logger.js';

export interface NotificationHandlers {
  notification(channel: string, payload: string): void;
  /**
   * LISTEN is in place, the first time or again after the connection was lost: NOTIFYs sent
   * while it was not were lost, so whatever was derived from them must be read again.
   */
  listening(): void;
}

export interface ListenerTiming {
  /** First delay before reconnecting; doubles on each failure up to maxRetryMs (with jitter). */
  initialRetryMs: number;
  maxRetryMs: number;
  /** A `SELECT 1` this often finds a connection that died without a word (half-open TCP). */
  probeEveryMs: number;
  probeTimeoutMs: number;
}

export const DEFAULT_LISTENER_TIMING: ListenerTiming = { initialRetryMs: 250, maxRetryMs: 10_000, probeEveryMs: 30_000, probeTimeoutMs: 10_000 };

/**
 * One dedicated PostgreSQL connection that LISTENs on some channels and comes back by itself
 * when the connection drops (server restart, failover, pg_terminate_backend), with backoff.
 */
export class NotificationListener {
  private client: pg.Client | undefined;
  private firstAttempt: Promise<void> | undefined;
  private retryTimer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private failures = 0;
  private closed = false;

  constructor(
    private readonly config: pg.ClientConfig,
    private readonly channels: readonly string[],
    private readonly handlers: NotificationHandlers,
    private readonly logger: Logger,
    private readonly timing: ListenerTiming = DEFAULT_LISTENER_TIMING,
  ) {}

  /** Starts listening. Resolves after the first attempt, successful or not: a failed one keeps retrying. */
  start(): Promise<void> {
    this.firstAttempt ??= this.connect();
    return this.firstAttempt;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.retryTimer);
    clearInterval(this.probeTimer);
    const client = this.client;
    this.client = undefined;
    if (client) await client.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    if (this.closed) return;
    const client = new pg.Client(this.config);
    this.client = client;
    client.on('notification', (message) => this.handlers.notification(message.channel, message.payload ?? ''));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('connection ended')));
    try {
      await client.connect();
      await client.query(this.channels.map((channel) => `LISTEN ${client.escapeIdentifier(channel)}`).join('; '));
    } catch (error) {
      this.lost(client, error);
      return;
    }
    if (this.client !== client) return;
    if (this.failures > 0) this.logger.info('live updates: listening again', { after: this.failures });
    this.failures = 0;
    this.probeTimer = setInterval(() => this.probe(client), this.timing.probeEveryMs).unref();
    this.handlers.listening();
  }

  private probe(client: pg.Client): void {
    client.query({ text: 'SELECT 1', query_timeout: this.timing.probeTimeoutMs } as pg.QueryConfig).catch((error: unknown) => this.lost(client, error));
  }

  /** Called for every sign of a dead connection; only the first one for the current client counts. */
  private lost(client: pg.Client, error: unknown): void {
    if (client !== this.client) return;
    this.client = undefined;
    clearInterval(this.probeTimer);
    this.probeTimer = undefined;
    client.removeAllListeners('notification');
    // A half-open socket may never finish ending: do not wait for it.
    client.end().catch(() => undefined);
    if (this.closed) return;
    const delay = Math.min(this.timing.maxRetryMs, this.timing.initialRetryMs * 2 ** this.failures) * (0.5 + Math.random() / 2);
    this.failures += 1;
    this.logger.warn('live updates: LISTEN connection lost; reconnecting', { error: String(error), retryInMs: Math.round(delay) });
    this.retryTimer = setTimeout(() => void this.connect(), delay);
    this.retryTimer.unref();
  }
}
