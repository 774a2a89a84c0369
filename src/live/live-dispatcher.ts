import type { DataSource } from 'typeorm';
import type { Logger } from '../config/logger.js';
import type { InboxNotification } from '../db/notify.js';
import { readConversationAccess } from '../permissions/conversation-access.js';
import type { LiveNotification } from './live-notification.js';
import type { LiveStreams } from './live-streams.js';

type Work = LiveNotification | { channel: 'listening' };

/** Notifications read together: one statement for the conversations of a burst, not one each. */
const MAX_BATCH = 500;

/**
 * Hands notifications to the streams one after another, in arrival order: a revocation is
 * applied before any later event is delivered, and a message's update never overtakes it.
 */
export class LiveDispatcher {
  private readonly pending: Work[] = [];
  private draining: Promise<void> | undefined;

  constructor(
    private readonly dataSource: DataSource,
    private readonly streams: LiveStreams,
    private readonly logger: Logger,
  ) {}

  push(work: Work): void {
    this.pending.push(work);
    this.draining ??= this.drain().finally(() => (this.draining = undefined));
  }

  /** Drops what is queued and waits for the batch in hand. */
  async stop(): Promise<void> {
    this.pending.length = 0;
    await this.draining;
  }

  private async drain(): Promise<void> {
    while (this.pending.length > 0) {
      const next = this.pending[0]!;
      if (next.channel === 'inbox') await this.deliver(this.takeInboxBatch());
      else {
        this.pending.shift();
        await this.apply(next);
      }
    }
  }

  private takeInboxBatch(): InboxNotification[] {
    const batch: InboxNotification[] = [];
    while (batch.length < MAX_BATCH && this.pending[0]?.channel === 'inbox') batch.push((this.pending.shift() as { notification: InboxNotification }).notification);
    return batch;
  }

  private async deliver(batch: InboxNotification[]): Promise<void> {
    // A process nobody is connected to has nothing to read.
    if (this.streams.isEmpty) return;
    try {
      const conversations = await readConversationAccess(this.dataSource, [...new Set(batch.map((n) => n.conversationId))]);
      this.streams.deliver(batch, conversations);
    } catch (error) {
      this.logger.error('live updates: could not read the notified conversations; every stream refetches', { error: String(error) });
      this.streams.resyncEveryStream();
    }
  }

  private apply(work: Exclude<Work, { channel: 'inbox' }>): Promise<void> {
    return work.channel === 'listening' ? this.streams.resyncAll() : this.streams.reloadPermissions(work.agentId);
  }
}
