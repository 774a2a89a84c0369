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

/** One record of a host audience: a phone (typed any way), the record's name, and fields template parameters may map to. */
export interface CrmAudienceRecord {
  phone: string;
  label?: string;
  values?: Record<string, string>;
}

/**
 * Records of the host CRM a broadcast may go to ("every lead in stage Won", "students of 2026"),
 * read when the broadcast is launched. Yield them one at a time (a cursor, pages): the plugin
 * stores them as they come and never holds the whole audience in memory.
 */
export interface CrmAudience {
  /** What managers see in the audience picker (the host's words, in the host's language). */
  label: string;
  /** The fields each record carries in `values`, offered as parameter sources. */
  fields?: string[];
  records(context: { manager: EntityManager }): AsyncIterable<CrmAudienceRecord>;
}

/**
 * A field of a contact's CRM record, for a sequence's "branch on CRM field" step: the host reads
 * its own record (`crmRecordType`, `crmRecordId`, as the contact matchers set them). Null when
 * the record has no such field.
 */
export type CrmFieldReader = (
  record: { crmRecordType: string; crmRecordId: string },
  field: string,
  context: { manager: EntityManager },
) => Promise<string | number | boolean | null | undefined>;
