import { randomUUID } from 'node:crypto';
import type PgBoss from 'pg-boss';
import type { DataSource } from 'typeorm';
import { inTransaction } from '../../db/transaction.js';
import { QUEUES } from '../../db/job-queues.js';

export interface SignedDelivery {
  /** The body's text as received (base64 when PostgreSQL text cannot hold it). */
  storedText: string;
  headers: Record<string, string>;
  bodySha256: string;
  /** Set when the processor cannot read the body: the event is stored `unparseable` and no job is queued. */
  unparseableReason: string | null;
}

export interface WebhookEventWriterOptions {
  /** Transactions writing at the same time; more deliveries wait and go into the next batch. */
  maxConcurrentBatches?: number;
  maxBatchEvents?: number;
  /** Bodies go into one statement: a batch stops growing past this many characters. */
  maxBatchChars?: number;
}

interface Pending {
  delivery: SignedDelivery;
  eventId: string;
  resolve(eventId: string): void;
  reject(error: unknown): void;
}

/**
 * Stores signed deliveries and enqueues their processing jobs, each event and its job in
 * the same transaction, and resolves only once that transaction has committed: a 200 always
 * means "stored and will be processed", a rejection lets Meta retry.
 *
 * Deliveries arriving while earlier ones are being written are grouped into one transaction
 * (one multi-row INSERT of events, one pg-boss `insert` of their jobs). Under load this
 * shares the commit, the statement overhead and the lock pg-boss's foreign keys take on its
 * queue row among many events; when the route is quiet a delivery is written at once, alone.
 */
export class WebhookEventWriter {
  private readonly pending: Pending[] = [];
  private activeBatches = 0;
  private readonly maxConcurrentBatches: number;
  private readonly maxBatchEvents: number;
  private readonly maxBatchChars: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: PgBoss,
    options: WebhookEventWriterOptions = {},
  ) {
    this.maxConcurrentBatches = options.maxConcurrentBatches ?? 2;
    this.maxBatchEvents = options.maxBatchEvents ?? 200;
    this.maxBatchChars = options.maxBatchChars ?? 8_000_000;
  }

  /** Resolves with the event's id once the event (and its job, if parseable) are committed. */
  store(delivery: SignedDelivery): Promise<string> {
    return new Promise((resolve, reject) => {
      this.pending.push({ delivery, eventId: randomUUID(), resolve, reject });
      if (this.activeBatches < this.maxConcurrentBatches) void this.drain();
    });
  }

  private async drain(): Promise<void> {
    this.activeBatches++;
    try {
      let batch: Pending[];
      while ((batch = this.takeBatch()).length > 0) await this.writeBatch(batch);
    } finally {
      this.activeBatches--;
    }
  }

  private takeBatch(): Pending[] {
    let chars = 0;
    let count = 0;
    while (count < this.pending.length && count < this.maxBatchEvents) {
      chars += this.pending[count]!.delivery.storedText.length;
      if (count > 0 && chars > this.maxBatchChars) break;
      count++;
    }
    return this.pending.splice(0, count);
  }

  private async writeBatch(batch: Pending[]): Promise<void> {
    try {
      await this.write(batch);
      for (const item of batch) item.resolve(item.eventId);
    } catch (error) {
      if (batch.length === 1) {
        batch[0]!.reject(error);
        return;
      }
      // One delivery the database refuses must not fail the others grouped with it.
      for (const item of batch) await this.writeBatch([item]);
    }
  }

  private async write(batch: Pending[]): Promise<void> {
    await inTransaction(this.dataSource, async (tx) => {
      const values: unknown[] = [];
      const rows = batch.map(({ delivery, eventId }) => {
        const at = values.push(
          eventId,
          delivery.storedText,
          delivery.headers,
          delivery.bodySha256,
          delivery.unparseableReason === null ? 'received' : 'unparseable',
          delivery.unparseableReason,
        );
        return `($${at - 5}::uuid, $${at - 4}, $${at - 3}::jsonb, $${at - 2}, $${at - 1}, $${at})`;
      });
      await tx.manager.query(
        `INSERT INTO whatsapp_webhook_events (id, raw_body, headers, body_sha256, status, last_error) VALUES ${rows.join(', ')}`,
        values,
      );

      const jobs = batch
        .filter(({ delivery }) => delivery.unparseableReason === null)
        .map(({ eventId }) => ({ name: QUEUES.processWebhookEvent, data: { eventId } }));
      if (jobs.length === 0) return;
      // pg-boss's insert reports nothing; count the rows so that a missing queue fails loudly instead of losing jobs.
      const runner = tx.manager.queryRunner!;
      let queued = 0;
      await this.jobs.insert(jobs, {
        db: {
          async executeSql(text, parameters) {
            const result = await runner.query(text, parameters, true);
            queued = result.affected ?? 0;
            return { rows: result.records ?? [] };
          },
        },
      });
      if (queued !== jobs.length) {
        throw new Error(`pg-boss queued ${queued} of ${jobs.length} jobs: does the queue ${QUEUES.processWebhookEvent} exist?`);
      }
    });
  }
}
