import type { PropertyOptions } from 'adminjs';

/**
 * Foreign keys → the resource they point at. @adminjs/typeorm names the target by its entity
 * class, but our resource ids are the table names, so every reference is declared here.
 */
const REFERENCES = {
  accountId: 'whatsapp_accounts',
  contactId: 'whatsapp_contacts',
  conversationId: 'whatsapp_conversations',
  leadId: 'b2b_leads',
  templateId: 'whatsapp_templates',
  assigneeId: 'admin_users',
  sentById: 'admin_users',
  actorId: 'admin_users',
  adminId: 'admin_users',
  grantedById: 'admin_users',
} as const;

export function referenceProperties(...names: (keyof typeof REFERENCES)[]): Record<string, PropertyOptions> {
  return Object.fromEntries(names.map((name) => [name, { reference: REFERENCES[name] }]));
}
