import type { EntityManager } from 'typeorm';

/** A CRM record a WhatsApp contact was recognised as (shown on the contact and its conversations). */
export interface CrmMatch {
  type: string;
  id: string;
  label: string;
  /**
   * Fields of the record agents may quote: canned replies fill `{{crm.<field>}}` with them
   * (`{ city: 'Oran', programme: 'English B1' }`). Kept with the contact, refreshed at each match.
   */
  fields?: Record<string, string | number | null>;
}

/**
 * How a host CRM recognises its own records from a WhatsApp phone number. Matchers are
 * tried in order; the first that answers wins. `phoneE164` is normalised (+213555123456).
 */
export type ContactMatcher = (phoneE164: string, context: { manager: EntityManager }) => Promise<CrmMatch | null | undefined>;

/** A WhatsApp number configured in code or environment, created or updated when the plugin starts. */
export interface ConfiguredAccount {
  phoneNumberId: string;
  wabaId: string;
  name?: string;
  displayPhoneNumber?: string;
  defaultRegion?: string;
  accessToken?: string;
  appSecret?: string;
  verifyToken?: string;
}
