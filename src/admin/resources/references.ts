import type { PropertyOptions } from 'adminjs';

/**
 * Foreign keys → the resource they point at. @adminjs/typeorm names the target by its entity
 * class, but our resource ids are the table names, so every reference is declared here.
 */
const REFERENCES = {
  accountId: 'whatsapp_accounts',
  contactId: 'whatsapp_contacts',
  conversationId: 'whatsapp_conversations',
  leadId: 'whatsapp_leads',
  templateId: 'whatsapp_templates',
  assigneeId: 'whatsapp_agents',
  sentById: 'whatsapp_agents',
  actorId: 'whatsapp_agents',
  agentId: 'whatsapp_agents',
  grantedById: 'whatsapp_agents',
} as const;

export function referenceProperties(...names: (keyof typeof REFERENCES)[]): Record<string, PropertyOptions> {
  return Object.fromEntries(names.map((name) => [name, { reference: REFERENCES[name] }]));
}
