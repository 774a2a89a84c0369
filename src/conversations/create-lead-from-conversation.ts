import { waIdToE164 } from '../domain/phone.js';
import { isUuid } from '../domain/uuid.js';
import { queryOne, queryRows } from '../db/sql.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import type { PluginContext } from '../context/plugin-context.js';
import { B2B_LEAD_RECORD_TYPE } from '../domain/lead-choices.js';
import { authorize, withPermissions } from './conversation-access.js';
import { changeConversation, type ConversationOutcome } from './conversation-change.js';
import { leadFieldsFrom, type LeadDraft } from './lead-draft.js';
import { WorkflowRefusal } from './workflow-refusal.js';
import { enrollByEvent } from '../campaigns/enroll-by-event.js';

/**
 * Creates a B2B lead from the conversation and links it (`leads.manage`). Refused while the
 * conversation has a lead: the agent unlinks it first, so a form sent twice cannot make two.
 * The contact becomes known to the CRM as this lead unless a host record already claims it,
 * as when keyword routing creates one.
 */
export async function createLeadFromConversation(
  context: PluginContext,
  input: { conversationId: string; lead: LeadDraft; actor: InboxActor },
): Promise<ConversationOutcome & { leadId: string }> {
  const fields = leadFieldsFrom(input.lead, context.options.defaultRegion);
  let leadId = '';
  const outcome = await changeConversation(
    context,
    { conversationId: input.conversationId, actor: input.actor, permission: 'leads.manage' },
    async (tx, conversation) => {
      if (conversation.leadId) throw WorkflowRefusal.of('lead-already-linked');
      const lead = await queryOne<{ id: string }>(
        tx.manager,
        // The conversation's ad attribution (click-to-WhatsApp referral) goes with the lead.
        `INSERT INTO whatsapp_leads (organisation_name, contact_name, phone_e164, email, source, status, notes, attribution)
         VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT referral FROM whatsapp_conversations WHERE id = $8)) RETURNING id`,
        [fields.organisationName, fields.contactName, fields.phoneE164, fields.email, fields.source, fields.status, fields.notes, conversation.id],
      );
      leadId = lead!.id;
      await queryRows(tx.manager, `UPDATE whatsapp_conversations SET lead_id = $2, updated_at = now() WHERE id = $1`, [conversation.id, leadId]);
      const label = fields.contactName ? `${fields.organisationName} (${fields.contactName})` : fields.organisationName;
      await queryRows(
        tx.manager,
        `UPDATE whatsapp_contacts SET crm_record_type = $2, crm_record_id = $3, crm_record_label = $4, updated_at = now()
          WHERE id = $1 AND crm_record_type IS NULL`,
        [conversation.contactId, B2B_LEAD_RECORD_TYPE, leadId, label.slice(0, 300)],
      );
      await enrollByEvent(context, tx, { kind: 'lead_created', accountId: conversation.accountId, contactId: conversation.contactId });
      return { kind: 'lead_created', details: { leadId } };
    },
  );
  return { ...outcome, leadId };
}

/** What the new-lead form starts from: the contact, the CRM record it matched, the customer's first words. */
export interface LeadPrefill {
  organisationName: string;
  contactName: string;
  phoneE164: string;
  email: string;
  source: 'whatsapp';
  status: 'new';
  notes: string;
  /** The conversation's intent from keyword routing (school, company…), as a hint. */
  intent: string | null;
}

/** The new-lead form's prefill, for an actor who may create leads from this conversation. */
export async function leadPrefill(context: PluginContext, input: { conversationId: string; actor: InboxActor }): Promise<LeadPrefill> {
  const row = isUuid(input.conversationId)
    ? await queryOne<{
        accountId: string;
        assigneeId: string | null;
        intent: string | null;
        displayName: string | null;
        profileName: string | null;
        phoneE164: string | null;
        waId: string | null;
        crmRecordLabel: string | null;
        firstMessage: string | null;
      }>(
        context.dataSource,
        `SELECT c.account_id AS "accountId", c.assignee_id AS "assigneeId", c.intent,
                ct.display_name AS "displayName", ct.profile_name AS "profileName", ct.phone_e164 AS "phoneE164",
                ct.wa_id AS "waId", ct.crm_record_label AS "crmRecordLabel",
                (SELECT m.body FROM whatsapp_messages m
                  WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.body IS NOT NULL
                  ORDER BY m.created_at LIMIT 1) AS "firstMessage"
           FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id
          WHERE c.id = $1`,
        [input.conversationId],
      )
    : undefined;
  if (!row) throw WorkflowRefusal.of('conversation-not-found');
  authorize(await withPermissions(context.dataSource, input.actor), 'leads.manage', row);
  return {
    organisationName: row.crmRecordLabel ?? '',
    contactName: row.displayName ?? row.profileName ?? '',
    phoneE164: row.phoneE164 ?? (row.waId ? waIdToE164(row.waId) : null) ?? '',
    email: '',
    source: 'whatsapp',
    status: 'new',
    notes: row.firstMessage ?? '',
    intent: row.intent,
  };
}
