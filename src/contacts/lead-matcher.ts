import type { ContactMatcher } from '../config/host-types.js';
import { B2B_LEAD_RECORD_TYPE } from '../domain/lead-choices.js';
import { phoneLookupVariants } from '../domain/phone.js';

/** The built-in CRM matcher: a B2B lead whose phone is one of the contact's spellings (oldest lead first). */
export const matchWhatsAppLead: ContactMatcher = async (phoneE164, { manager }) => {
  const spellings = phoneLookupVariants(phoneE164).map((digits) => `+${digits}`);
  if (spellings.length === 0) return null;
  const [lead]: { id: string; organisationName: string; contactName: string | null }[] = await manager.query(
    `SELECT id, organisation_name AS "organisationName", contact_name AS "contactName"
       FROM whatsapp_leads WHERE phone_e164 = ANY($1::text[]) ORDER BY created_at, id LIMIT 1`,
    [spellings],
  );
  if (!lead) return null;
  const label = lead.contactName ? `${lead.organisationName} (${lead.contactName})` : lead.organisationName;
  return { type: B2B_LEAD_RECORD_TYPE, id: lead.id, label };
};
