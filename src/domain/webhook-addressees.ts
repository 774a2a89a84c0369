/** The numbers and WhatsApp Business Accounts a delivery speaks for. */
export interface WebhookAddressees {
  phoneNumberIds: string[];
  wabaIds: string[];
}

type Json = Record<string, unknown>;

const record = (value: unknown): Json | undefined => (typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined);
const list = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);

/**
 * Read from the parsed body before any schema check, on the ack path: every entry's id (the
 * WABA) and every change's `value.metadata.phone_number_id`. Whatever is malformed names nothing.
 */
export function webhookAddressees(body: unknown): WebhookAddressees {
  const phoneNumberIds = new Set<string>();
  const wabaIds = new Set<string>();
  for (const entry of list(record(body)?.entry)) {
    const id = record(entry)?.id;
    if (typeof id === 'string' && id) wabaIds.add(id);
    for (const change of list(record(entry)?.changes)) {
      const phoneNumberId = record(record(record(change)?.value)?.metadata)?.phone_number_id;
      if (typeof phoneNumberId === 'string' && phoneNumberId) phoneNumberIds.add(phoneNumberId);
    }
  }
  return { phoneNumberIds: [...phoneNumberIds], wabaIds: [...wabaIds] };
}
