import type { EntityManager } from 'typeorm';
import { loadSlaTimers, type SlaTimerView } from '../../automation/sla-timers.js';
import { serviceWindow } from '../../domain/service-window.js';
import type { ConversationEventKind } from '../../entities/whatsapp-conversation-event.entity.js';
import type { ConversationStatus } from '../../entities/whatsapp-conversation.entity.js';
import { prepared, queryOne, queryRows } from '../../db/sql.js';
import { labelsJson, type LabelView } from './conversation-labels.js';
import { webLink } from './conversation-message-content.js';
import { loadConversationCost, type ConversationCost } from './message-costs.js';

/** Everything beside the timeline: who the customer is, what they are to the CRM, and the conversation's state. */
export interface ConversationPanel {
  status: ConversationStatus;
  intent: string | null;
  labels: LabelView[];
  unreadCount: number;
  lastMessageAt: string | null;
  account: { id: string; name: string; displayPhoneNumber: string | null };
  contact: {
    id: string;
    /** The name agents chose, else the WhatsApp profile name. */
    name: string | null;
    profileName: string | null;
    phone: string | null;
    waId: string | null;
    userId: string | null;
    /** The WhatsApp username, shown where there is no phone. */
    username: string | null;
    /** Since when the customer refuses marketing messages (null: they accept them). */
    marketingOptedOutAt: string | null;
  };
  /** The click-to-WhatsApp ad that brought the customer (the conversation's first referral). */
  attribution: { sourceType: string | null; sourceId: string | null; sourceUrl: string | null; headline: string | null; body: string | null; ctwaClid: string | null; at: string | null } | null;
  /** What its messages cost, per currency (Meta's per-message pricing and the uploaded rate card). */
  cost: ConversationCost[];
  /** Why the number sends nothing (i18n key), when Meta banned or disabled it. */
  blocked: { reasonKey: string; details: string | null } | null;
  crmRecord: { type: string; id: string | null; label: string | null } | null;
  lead: { id: string; organisationName: string; contactName: string | null; phone: string | null; email: string | null; status: string } | null;
  assignee: { id: string; name: string; email: string } | null;
  window: { open: boolean; closesAt: string | null; remainingMs: number; lastInboundAt: string | null };
  /** The language of the last template sent here: the picker lists templates in it first. */
  templateLanguage: string | null;
  /** The running SLA timers, due first first (business time left; paused while the number is closed). */
  sla: SlaTimerView[];
  /** The server's clock when this was read, so the browser's countdown does not depend on its own clock. */
  now: string;
}

export interface ConversationEventView {
  id: string;
  kind: ConversationEventKind | string;
  createdAt: string;
  actor: { id: string; name: string } | null;
  details: Record<string, unknown>;
  /** Names of what `details` points at, resolved for display. */
  assigneeName: string | null;
  leadName: string | null;
}

/** The newest entries of the audit trail shown beside the timeline; the full trail is the audit trail resource. */
export const PANEL_EVENTS = 50;

interface PanelRow {
  status: ConversationStatus;
  intent: string | null;
  labels: LabelView[];
  unread_count: number;
  last_message_at: Date | null;
  last_inbound_at: Date | null;
  account_id: string;
  account_name: string;
  display_phone_number: string | null;
  contact_id: string;
  display_name: string | null;
  profile_name: string | null;
  phone_e164: string | null;
  wa_id: string | null;
  user_id: string | null;
  username: string | null;
  marketing_opted_out_at: Date | null;
  referral: Record<string, unknown> | null;
  blocked_reason_key: string | null;
  blocked_details: string | null;
  crm_record_type: string | null;
  crm_record_id: string | null;
  crm_record_label: string | null;
  lead_id: string | null;
  organisation_name: string | null;
  lead_contact_name: string | null;
  lead_phone: string | null;
  lead_email: string | null;
  lead_status: string | null;
  assignee_id: string | null;
  assignee_name: string | null;
  assignee_email: string | null;
  template_language: string | null;
  now: Date;
}

// Primary-key joins only; the template language looks at the last 200 messages at most, so a
// conversation of any length costs the same.
const PANEL_SQL = `
  SELECT c.status, c.intent, ${labelsJson('c')} AS labels, c.unread_count, c.last_message_at, c.last_inbound_at,
         a.id AS account_id, a.name AS account_name, a.display_phone_number,
         ct.id AS contact_id, ct.display_name, ct.profile_name, ct.phone_e164, ct.wa_id, ct.user_id, ct.username, ct.marketing_opted_out_at,
         c.referral, a.blocked_reason_key, a.blocked_details,
         ct.crm_record_type, ct.crm_record_id, ct.crm_record_label,
         l.id AS lead_id, l.organisation_name, l.contact_name AS lead_contact_name, l.phone_e164 AS lead_phone,
         l.email AS lead_email, l.status AS lead_status,
         u.id AS assignee_id, u.name AS assignee_name, u.email AS assignee_email,
         (SELECT t.language
            FROM (SELECT template_id, created_at, id FROM whatsapp_messages WHERE conversation_id = c.id
                   ORDER BY created_at DESC, id DESC LIMIT 200) r
            JOIN whatsapp_templates t ON t.id = r.template_id
           ORDER BY r.created_at DESC, r.id DESC LIMIT 1) AS template_language,
         now() AS now
    FROM whatsapp_conversations c
    JOIN whatsapp_contacts ct ON ct.id = c.contact_id
    JOIN whatsapp_accounts a ON a.id = c.account_id
    LEFT JOIN whatsapp_leads l ON l.id = c.lead_id
    LEFT JOIN whatsapp_agents u ON u.id = c.assignee_id
   WHERE c.id = $1`;

// A uuid in `details` is cast only when it looks like one: a malformed detail must not fail the page.
const uuidDetail = (key: string) => `CASE WHEN e.details->>'${key}' ~* '^[0-9a-f]{8}-([0-9a-f]{4}-){3}[0-9a-f]{12}$' THEN (e.details->>'${key}')::uuid END`;

// Events of one transaction share a timestamp: among them, the opening is what happened first.
const EVENTS_SQL = `
  SELECT e.id, e.kind, e.created_at, e.details, e.actor_id, actor.name AS actor_name,
         (SELECT name FROM whatsapp_agents WHERE id = e.details->>'assigneeId') AS assignee_name,
         (SELECT organisation_name FROM whatsapp_leads WHERE id = ${uuidDetail('leadId')}) AS lead_name
    FROM whatsapp_conversation_events e
    LEFT JOIN whatsapp_agents actor ON actor.id = e.actor_id
   WHERE e.conversation_id = $1
   ORDER BY e.created_at DESC, (e.kind IN ('opened', 'reopened')), e.id DESC
   LIMIT $2`;

export async function loadConversationPanel(manager: EntityManager, conversationId: string): Promise<ConversationPanel | null> {
  const row = await queryOne<PanelRow>(manager, prepared(PANEL_SQL), [conversationId]);
  if (!row) return null;
  const window = serviceWindow(row.last_inbound_at, row.now);
  const sla = (await loadSlaTimers(manager, [conversationId], row.now)).get(conversationId) ?? [];
  return {
    status: row.status,
    intent: row.intent,
    labels: row.labels ?? [],
    unreadCount: row.unread_count,
    lastMessageAt: row.last_message_at?.toISOString() ?? null,
    account: { id: row.account_id, name: row.account_name, displayPhoneNumber: row.display_phone_number },
    contact: {
      id: row.contact_id,
      name: row.display_name ?? row.profile_name,
      profileName: row.profile_name,
      phone: row.phone_e164 ?? (row.wa_id ? `+${row.wa_id}` : null),
      waId: row.wa_id,
      userId: row.user_id,
      username: row.username,
      marketingOptedOutAt: row.marketing_opted_out_at?.toISOString() ?? null,
    },
    attribution: row.referral ? attributionOf(row.referral) : null,
    cost: await loadConversationCost(manager, conversationId),
    blocked: row.blocked_reason_key ? { reasonKey: row.blocked_reason_key, details: row.blocked_details } : null,
    crmRecord: row.crm_record_type ? { type: row.crm_record_type, id: row.crm_record_id, label: row.crm_record_label } : null,
    lead: row.lead_id
      ? {
          id: row.lead_id,
          organisationName: row.organisation_name!,
          contactName: row.lead_contact_name,
          phone: row.lead_phone,
          email: row.lead_email,
          status: row.lead_status!,
        }
      : null,
    assignee: row.assignee_id ? { id: row.assignee_id, name: row.assignee_name!, email: row.assignee_email! } : null,
    window: {
      open: window.open,
      closesAt: window.closesAt?.toISOString() ?? null,
      remainingMs: window.remainingMs,
      lastInboundAt: row.last_inbound_at?.toISOString() ?? null,
    },
    templateLanguage: row.template_language,
    sla,
    now: row.now.toISOString(),
  };
}

function attributionOf(referral: Record<string, unknown>): NonNullable<ConversationPanel['attribution']> {
  const text = (key: string) => (typeof referral[key] === 'string' && referral[key] !== '' ? (referral[key] as string) : null);
  return {
    sourceType: text('source_type'),
    sourceId: text('source_id'),
    sourceUrl: webLink(referral.source_url),
    headline: text('headline'),
    body: text('body'),
    ctwaClid: text('ctwa_clid'),
    at: text('at'),
  };
}

/** The conversation's audit trail, newest first: who did what, and when. */
export async function loadConversationEvents(manager: EntityManager, conversationId: string, limit = PANEL_EVENTS): Promise<ConversationEventView[]> {
  const rows = await queryRows<{
    id: string;
    kind: string;
    created_at: Date;
    details: Record<string, unknown> | null;
    actor_id: string | null;
    actor_name: string | null;
    assignee_name: string | null;
    lead_name: string | null;
  }>(manager, prepared(EVENTS_SQL), [conversationId, limit]);
  return rows.map((row) => ({
    id: row.id,
    kind: row.kind,
    createdAt: row.created_at.toISOString(),
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? '' } : null,
    details: row.details ?? {},
    assigneeName: row.assignee_name,
    leadName: row.lead_name,
  }));
}
