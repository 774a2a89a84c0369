import type { DomainEvent, EventKind } from '../domain/event-kinds.js';

/** An outbox row as the dispatcher reads it. */
export interface OutboxRow {
  id: string;
  sequence: string;
  kind: string;
  ordering_key: string;
  occurred_at: Date;
  data: Record<string, unknown>;
  handler_attempts: number;
}

export const OUTBOX_COLUMNS = `id, sequence, kind, ordering_key, occurred_at, data, handler_attempts`;

/** What a host receives: the same in process and in a webhook's body. */
export function domainEventOf(row: Pick<OutboxRow, 'id' | 'sequence' | 'kind' | 'occurred_at' | 'data'>): DomainEvent {
  return { id: row.id, sequence: Number(row.sequence), type: row.kind as EventKind, timestamp: new Date(row.occurred_at).toISOString(), data: row.data };
}
