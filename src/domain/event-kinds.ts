/**
 * The kinds of domain events the plugin writes to its outbox, in the same transaction as the
 * change they tell of. Hosts receive them in process (`plugin.events.on`) and as signed
 * webhooks; labels come from locales/<lang>/integrations.json.
 */
export const EVENT_KINDS = [
  'message.received',
  'message.sent',
  'message.status_changed',
  'message.failed',
  'conversation.created',
  'conversation.assigned',
  'conversation.resolved',
  'conversation.reopened',
  'lead.created',
  'lead.linked',
  'contact.opted_out',
  'contact.opted_in',
  'template.status_changed',
  'broadcast.launched',
  'broadcast.paused',
  'broadcast.cancelled',
  'broadcast.completed',
  'enrollment.started',
  'enrollment.ended',
] as const;

export type EventKind = (typeof EVENT_KINDS)[number];

export function isEventKind(value: unknown): value is EventKind {
  return typeof value === 'string' && (EVENT_KINDS as readonly string[]).includes(value);
}

/** What a host sees of one event, in process and in a webhook's body. */
export interface DomainEvent<Data extends Record<string, unknown> = Record<string, unknown>> {
  /** Stable: the same id on every redelivery (the webhook's `webhook-id`). Consumers deduplicate on it. */
  id: string;
  /** Increases with every event written; within one conversation, the order events happened in. */
  sequence: number;
  type: EventKind;
  /** ISO 8601, when the change was made. */
  timestamp: string;
  data: Data;
}
