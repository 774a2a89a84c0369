import type { EntityManager } from 'typeorm';
import type { InboxNotification } from '../domain/live-events.js';

export type { InboxNotification, InboxNotificationKind } from '../domain/live-events.js';

/**
 * The one place the plugin NOTIFYs. pg_notify inside a transaction is delivered on commit only,
 * so a listener never hears of a change that was rolled back.
 */

/** The channel the live inbox LISTENs on: messages and conversations that changed. */
export const INBOX_CHANNEL = 'whatsapp_inbox';
/** The channel on which an agent's permissions, role or activity changes are announced. */
export const PERMISSIONS_CHANNEL = 'whatsapp_permissions';

export interface PermissionsChanged {
  agentId: string;
}

/** Collects what changed during one transaction and emits it with one statement. */
export class InboxNotifications {
  private readonly pending = new Map<string, InboxNotification>();

  add(notification: InboxNotification): void {
    this.pending.set(JSON.stringify(notification), notification);
  }

  get size(): number {
    return this.pending.size;
  }

  /** The JSON payloads to emit, for a caller that sends them with its own statement. */
  payloads(): string[] {
    return [...this.pending.keys()];
  }

  async emit(manager: Pick<EntityManager, 'query'>): Promise<void> {
    if (this.pending.size === 0) return;
    await manager.query(`SELECT pg_notify($1, payload) FROM unnest($2::text[]) AS payload`, [INBOX_CHANNEL, [...this.pending.keys()]]);
    this.pending.clear();
  }
}

/** Announces that an agent's permissions changed, so their open live streams apply it at once. */
export async function notifyPermissionsChanged(manager: Pick<EntityManager, 'query'>, agentId: string): Promise<void> {
  await manager.query(`SELECT pg_notify($1, $2)`, [PERMISSIONS_CHANNEL, JSON.stringify({ agentId } satisfies PermissionsChanged)]);
}

/**
 * The same notices as select-list expressions, for a statement that notifies about the rows it
 * changes itself: no extra round trip on the hot paths.
 */
export const notifyInStatement = {
  /** `message.updated` for `row` (a relation with `id` and `conversation_id`); `accountId` a uuid parameter or column. */
  messageUpdated: (row: string, accountId: string) =>
    `pg_notify('${INBOX_CHANNEL}', json_build_object(
      'kind', 'message.updated', 'accountId', ${accountId}::uuid, 'conversationId', ${row}.conversation_id, 'messageId', ${row}.id)::text)`,
  /** The permissions notice for the agent whose id is the expression `agentId`. */
  permissionsChanged: (agentId: string) => `pg_notify('${PERMISSIONS_CHANNEL}', json_build_object('agentId', ${agentId})::text)`,
};
