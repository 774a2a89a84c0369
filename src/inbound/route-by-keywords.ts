import { detectIntent, isLeadIntent } from '../domain/keyword-routing.js';
import { B2B_LEAD_RECORD_TYPE } from '../domain/lead-choices.js';
import { defaultKeywordRules } from './default-keyword-rules.js';
import { recordConversationEvent, type ConversationRecord } from './open-conversation.js';
import type { ProcessingScope } from './processing-scope.js';
import type { ContactRecord } from './resolve-inbound-contact.js';
import { prepared, queryOne } from '../db/sql.js';
import { enrollByEvent } from '../campaigns/enroll-by-event.js';

export interface KeywordRoutingInput {
  accountId: string;
  contact: ContactRecord;
  /** Updated in place with the intent and lead it gets. */
  conversation: ConversationRecord;
  text: string;
  wamid: string;
}

/**
 * Labels a conversation that has no intent yet with the first matching keyword rule, and for
 * an organisation's intent (school, institution, company, partnership) links it to a B2B
 * lead: the contact's existing one if any, else a new `whatsapp` lead. Once per conversation:
 * callers hold the contact's lock, and the updates only apply to a conversation still without
 * an intent / a lead.
 */
export async function routeByKeywords(scope: ProcessingScope, input: KeywordRoutingInput): Promise<void> {
  const intent = detectIntent(input.text, scope.context.options.keywordRules ?? defaultKeywordRules());
  if (!intent) return;
  const { manager } = scope;
  const labelled = await queryOne<{ id: string }>(
    manager,
    prepared(`UPDATE whatsapp_conversations
        SET intent = $2::text, updated_at = now()
      WHERE id = $1 AND intent IS NULL RETURNING id`),
    [input.conversation.id, intent.slice(0, 50)],
  );
  if (!labelled) return;
  input.conversation.intent = intent;
  await recordConversationEvent(manager, input.conversation.id, 'intent_detected', { intent, wamid: input.wamid });
  scope.notifications.add({ kind: 'conversation.updated', accountId: input.accountId, conversationId: input.conversation.id });
  await enrollByEvent(scope.context, scope, { kind: 'label_added', accountId: input.accountId, contactId: input.contact.id, label: intent });
  if (isLeadIntent(intent) && !input.conversation.leadId) await linkLead(scope, input, intent);
}

async function linkLead(scope: ProcessingScope, input: KeywordRoutingInput, intent: string): Promise<void> {
  const { manager } = scope;
  const existing = await existingLeadOf(scope, input);
  const leadId = existing ?? (await createLead(scope, input));
  const linked = await queryOne<{ id: string }>(
    manager,
    prepared(`UPDATE whatsapp_conversations SET lead_id = $2, updated_at = now() WHERE id = $1 AND lead_id IS NULL RETURNING id`),
    [input.conversation.id, leadId],
  );
  if (!linked) return;
  input.conversation.leadId = leadId;
  await recordConversationEvent(manager, input.conversation.id, existing ? 'lead_linked' : 'lead_created', {
    leadId,
    intent,
    wamid: input.wamid,
  });
  if (!existing) await enrollByEvent(scope.context, scope, { kind: 'lead_created', accountId: input.accountId, contactId: input.contact.id });
}

/** A lead this customer already has: matched on their phone, or linked to one of their earlier conversations. */
async function existingLeadOf(scope: ProcessingScope, input: KeywordRoutingInput): Promise<string | null> {
  const row = await queryOne<{ leadId: string | null }>(
    scope.manager,
    prepared(`SELECT COALESCE(
        (SELECT l.id FROM whatsapp_leads l JOIN whatsapp_contacts c ON c.crm_record_id = l.id::text
          WHERE c.id = $1 AND c.crm_record_type = $2),
        (SELECT v.lead_id FROM whatsapp_conversations v
          WHERE v.contact_id = $1 AND v.lead_id IS NOT NULL ORDER BY v.created_at DESC LIMIT 1)) AS "leadId"`),
    [input.contact.id, B2B_LEAD_RECORD_TYPE],
  );
  return row?.leadId ?? null;
}

async function createLead(scope: ProcessingScope, input: KeywordRoutingInput): Promise<string> {
  const { manager } = scope;
  const { contact } = input;
  const firstMessage = await queryOne<{ body: string | null }>(
    manager,
    prepared(`SELECT body FROM whatsapp_messages
      WHERE conversation_id = $1 AND direction = 'inbound' AND body IS NOT NULL
      ORDER BY received_at, created_at LIMIT 1`),
    [input.conversation.id],
  );
  const name = contact.profileName ?? contact.phoneE164 ?? contact.waId ?? 'WhatsApp';
  // Named after the organisation the CRM matched the number to, the person being its contact;
  // without one, after the person alone (not "Amina Belkacem — Amina Belkacem").
  const lead = await queryOne<{ id: string; label: string }>(
    manager,
    // The ad that brought the conversation (click-to-WhatsApp referral) becomes the lead's attribution.
    prepared(`WITH matched AS (SELECT crm_record_label AS organisation FROM whatsapp_contacts WHERE id = $5 AND crm_record_label IS NOT NULL)
     INSERT INTO whatsapp_leads (organisation_name, contact_name, phone_e164, source, status, notes, attribution)
     VALUES (COALESCE((SELECT left(organisation, 300) FROM matched), $1), CASE WHEN EXISTS (SELECT 1 FROM matched) THEN $2 END, $3, 'whatsapp', 'new', $4,
             (SELECT referral FROM whatsapp_conversations WHERE id = $6))
     RETURNING id, organisation_name AS label`),
    [name.slice(0, 300), contact.profileName?.slice(0, 200) ?? null, contact.phoneE164, firstMessage?.body ?? input.text, contact.id, input.conversation.id],
  );
  if (!lead) throw new Error('the B2B lead insert returned no row');
  // The contact is now known to the CRM as this lead, unless a host record already claims it.
  await queryOne(
    manager,
    prepared(`UPDATE whatsapp_contacts SET crm_record_type = $2, crm_record_id = $3, crm_record_label = $4, updated_at = now()
      WHERE id = $1 AND crm_record_type IS NULL`),
    [contact.id, B2B_LEAD_RECORD_TYPE, lead.id, lead.label],
  );
  return lead.id;
}
