/** The closed choices of a B2B lead: where it came from and how far it went. */
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_SOURCES = ['whatsapp', 'manual', 'website', 'import'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

/** The CRM record type a contact carries when the CRM record it matched is one of the plugin's B2B leads. */
export const B2B_LEAD_RECORD_TYPE = 'b2b_lead';
