import type { PropertyOptions } from 'adminjs';
import { RESOURCE_IDS } from '../resource-ids.js';

/**
 * Foreign keys → the resource they point at. @adminjs/typeorm names the target by its entity
 * class, but our resource ids are the table names, so every reference is declared here.
 */
const REFERENCES = {
  accountId: RESOURCE_IDS.accounts,
  contactId: RESOURCE_IDS.contacts,
  conversationId: RESOURCE_IDS.conversations,
  leadId: RESOURCE_IDS.leads,
  templateId: RESOURCE_IDS.templates,
  assigneeId: RESOURCE_IDS.agents,
  sentById: RESOURCE_IDS.agents,
  actorId: RESOURCE_IDS.agents,
  agentId: RESOURCE_IDS.agents,
  grantedById: RESOURCE_IDS.agents,
  ownerId: RESOURCE_IDS.agents,
  authorId: RESOURCE_IDS.agents,
  createdById: RESOURCE_IDS.agents,
  endpointId: RESOURCE_IDS.webhookEndpoints,
  eventId: RESOURCE_IDS.outboxEvents,
  enrolledById: RESOURCE_IDS.agents,
  sequenceId: RESOURCE_IDS.sequences,
  assistantId: RESOURCE_IDS.assistants,
  knowledgeBaseId: RESOURCE_IDS.knowledgeBases,
  documentId: RESOURCE_IDS.knowledgeDocuments,
  messageId: RESOURCE_IDS.messages,
  handoverAgentId: RESOURCE_IDS.agents,
  requestedById: RESOURCE_IDS.agents,
  labelId: RESOURCE_IDS.labels,
} as const;

export function referenceProperties(...names: (keyof typeof REFERENCES)[]): Record<string, PropertyOptions> {
  return Object.fromEntries(names.map((name) => [name, { reference: REFERENCES[name] }]));
}
