import type { EntityManager } from 'typeorm';
import type { InboxNotificationKind } from '../domain/live-events.js';

/** The PostgreSQL channel the live inbox LISTENs on. */
export const INBOX_CHANNEL = 'whatsapp_inbox';

/** Ids only: listeners read the rows themselves, and NOTIFY payloads must stay under 8,000 bytes. */
export interface InboxNotification {
  kind: InboxNotificationKind;
  accountId: string;
  conversationId: string;
  messageId?: string;
}

/**
 * Collects what changed during one transaction and emits it with one statement. pg_notify
 * inside the transaction is delivered on commit only, so listeners never see a change that
 * was rolled back.
 */
export class InboxNotifications {
  private readonly pending = new Map<string, InboxNotification>();

  add(notification: InboxNotification): void {
    const payload = JSON.stringify(notification);
    this.pending.set(payload, notification);
  }

  get size(): number {
    return this.pending.size;
  }

  /** The JSON payloads to emit, for a caller that sends them with its own statement. */
  payloads(): string[] {
    return [...this.pending.keys()];
  }

  async emit(manager: EntityManager): Promise<void> {
    if (this.pending.size === 0) return;
    await manager.query(`SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload`, [INBOX_CHANNEL, [...this.pending.keys()]]);
    this.pending.clear();
  }
}
