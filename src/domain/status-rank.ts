/*
 * Forward-only delivery statuses of an outbound message (reference §2, pitfalls 4 and 5).
 * Meta does not order its status webhooks, so a status only ever moves up:
 *
 *   queued < sending < unknown < sent < delivered < read (= played) < failed
 *
 * Being a total order, the final status is the same whatever order and however many times
 * the reports arrive (the highest one wins).
 *
 * - `played` (a voice note was listened to) implies it was read: it is stored as `read`, its
 *   time in `read_at`. The data model has no `played` status or column, and agents only need
 *   to know the customer has seen/heard it.
 * - `unknown` (the send timed out, outcome not known) ranks above `sending` and below `sent`:
 *   any status webhook settles it, and a late timeout cannot hide a status Meta reported.
 * - `failed` is terminal and wins over everything, even a `read` reported before it: a failure
 *   Meta reports is always shown with its code rather than hidden (pitfall 10), and letting
 *   `delivered` undo `failed` would make the outcome depend on arrival order.
 * - Leaving `failed` or `unknown` to resend is the sending side's explicit decision, not a
 *   forward move; these rules govern what reports (webhooks, API answers) may do.
 */

export const DELIVERY_STATUSES = ['queued', 'sending', 'unknown', 'sent', 'delivered', 'read', 'played', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** What `whatsapp_messages.status` holds for an outbound message. */
export type StoredDeliveryStatus = Exclude<DeliveryStatus, 'played'>;

const RANK: Record<DeliveryStatus, number> = {
  queued: 0,
  sending: 1,
  unknown: 2,
  sent: 3,
  delivered: 4,
  read: 5,
  played: 5,
  failed: 6,
};

const STORED_STATUSES: readonly StoredDeliveryStatus[] = DELIVERY_STATUSES.filter(
  (status): status is StoredDeliveryStatus => status !== 'played',
);

export function isDeliveryStatus(status: string): status is DeliveryStatus {
  return (DELIVERY_STATUSES as readonly string[]).includes(status);
}

/** Whether a message whose status is `current` may take the status `next`. Unknown statuses never move. */
export function canAdvance(current: string, next: string): boolean {
  if (!isDeliveryStatus(current) || !isDeliveryStatus(next)) return false;
  return RANK[current] < RANK[next];
}

/**
 * The stored statuses from which `next` may be applied. Meant for a conditional update
 * (`… SET status = $next WHERE wamid = $1 AND status = ANY($2)`), which stays forward-only when
 * workers race on the same message, where a read-then-write would not.
 */
export function statusesAdvanceableTo(next: string): StoredDeliveryStatus[] {
  return STORED_STATUSES.filter((current) => canAdvance(current, next));
}

export function storedStatus(status: DeliveryStatus): StoredDeliveryStatus {
  return status === 'played' ? 'read' : status;
}

export type StatusTimestampColumn = 'queued_at' | 'sending_at' | 'sent_at' | 'delivered_at' | 'read_at' | 'failed_at';

const TIMESTAMP_COLUMN: Record<DeliveryStatus, StatusTimestampColumn | null> = {
  queued: 'queued_at',
  sending: 'sending_at',
  // Not a moment Meta reports: nothing to record.
  unknown: null,
  sent: 'sent_at',
  delivered: 'delivered_at',
  read: 'read_at',
  played: 'read_at',
  failed: 'failed_at',
};

/**
 * The `whatsapp_messages` column that holds the time of `status` (snake_case, as in SQL).
 * Record it when the column is still empty, even if the status itself does not advance: a
 * `delivered` arriving after `read` leaves the status at read but its time is still true.
 */
export function statusTimestampColumn(status: string): StatusTimestampColumn | null {
  return isDeliveryStatus(status) ? TIMESTAMP_COLUMN[status] : null;
}

/** Position in the forward-only order; a higher rank wins. */
export function statusRank(status: DeliveryStatus): number {
  return RANK[status];
}
