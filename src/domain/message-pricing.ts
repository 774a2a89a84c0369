import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Meta's pricing of one message, as its statuses report it (per-message pricing since July 2025). */
export interface MessagePricing {
  /** PMP (per message) or CBP (per conversation, before July 2025). */
  model: string | null;
  /** marketing, utility, authentication, authentication_international, service, marketing_lite… */
  category: string | null;
  /** regular (charged), free_customer_service, free_entry_point… */
  type: string | null;
  /** Deprecated by Meta, still sent. */
  billable: boolean | null;
  /** The recipient's country (ISO 3166), which picks the rate card's market. */
  country: string | null;
}

interface PricedStatus {
  recipient_id?: string;
  recipient_user_id?: string;
  pricing?: { billable?: boolean; pricing_model?: string; type?: string; category?: string };
}

/** The pricing a status reports, or null when it reports none. */
export function statusPricing(status: PricedStatus): MessagePricing | null {
  const { pricing } = status;
  if (!pricing) return null;
  return {
    model: pricing.pricing_model?.slice(0, 10) ?? null,
    category: pricing.category?.slice(0, 40) ?? null,
    type: pricing.type?.slice(0, 40) ?? null,
    billable: pricing.billable ?? null,
    country: recipientCountry(status.recipient_id, status.recipient_user_id),
  };
}

/** A recipient's country: from their phone number, else from their BSUID, which starts with it (`US.1349…`). */
export function recipientCountry(waId: string | null | undefined, userId?: string | null): string | null {
  if (waId && /^\d+$/.test(waId)) {
    const country = parsePhoneNumberFromString(`+${waId}`)?.country;
    if (country) return country;
  }
  const prefix = userId?.match(/^([A-Z]{2})\./)?.[1];
  return prefix ?? null;
}
