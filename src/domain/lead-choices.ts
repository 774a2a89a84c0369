/** The closed choices of a B2B lead: where it came from and how far it went. */
export const LEAD_STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

export const LEAD_SOURCES = ['whatsapp', 'manual', 'website', 'import'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
