/**
 * What a webhook delivery is about, read from its body for the webhook events list: its kind, the
 * customer it came from, the number it was for and the message it names. Only the first change
 * of a batched delivery is summarised; the body shows the rest. Never throws: a body that is not
 * Meta's shape has an `other` kind and nothing else.
 */
export type WebhookDeliveryKind = 'message' | 'status' | 'template' | 'account' | 'other';

export interface WebhookDeliverySummary {
  kind: WebhookDeliveryKind;
  sender: string | null;
  number: string | null;
  messageId: string | null;
}

type Json = Record<string, unknown>;
const object = (value: unknown): Json | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined);
const first = (value: unknown): Json | undefined => (Array.isArray(value) ? object(value[0]) : undefined);
const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export function summariseWebhookDelivery(rawBody: string): WebhookDeliverySummary {
  const nothing: WebhookDeliverySummary = { kind: 'other', sender: null, number: null, messageId: null };
  let body: unknown;
  try {
    body = JSON.parse(rawBody);
  } catch {
    return nothing;
  }
  const change = first(first(object(body)?.entry)?.changes);
  const value = object(change?.value);
  if (!change || !value) return nothing;
  const number = text(object(value.metadata)?.display_phone_number);
  const message = first(value.messages);
  if (message) return { kind: 'message', sender: text(message.from), number, messageId: text(message.id) };
  const status = first(value.statuses);
  if (status) return { kind: 'status', sender: text(status.recipient_id), number, messageId: text(status.id) };
  const field = text(change.field) ?? '';
  if (field.startsWith('message_template') || field.startsWith('template')) return { ...nothing, kind: 'template', number };
  if (field.startsWith('account') || field.startsWith('phone_number') || field === 'business_capability_update') return { ...nothing, kind: 'account', number };
  return { ...nothing, number };
}
