import { queryOne, queryRows, type Queryable } from '../../db/sql.js';
import { fillPlaceholders } from '../../domain/canned-placeholders.js';

/** A canned reply as the reply box offers it: its text already filled for the conversation. */
export interface CannedReplyChoice {
  id: string;
  shortcut: string;
  title: string;
  /** Null: any language. */
  language: string | null;
  /** Shared by every agent, or the agent's own. */
  shared: boolean;
  text: string;
  /** Placeholders this conversation has no value for: left in the text for the agent to complete. */
  missing: string[];
}

interface PlaceholderRow {
  contact_name: string | null;
  phone: string | null;
  crm_record_label: string | null;
  crm_record_fields: Record<string, unknown> | null;
  agent_name: string | null;
}

/** The canned replies an agent may use (shared ones and their own), by shortcut, filled for the conversation. */
export async function cannedRepliesFor(db: Queryable, request: { conversationId: string; agentId: string }): Promise<CannedReplyChoice[]> {
  const values = await placeholderValues(db, request);
  const replies = await queryRows<{ id: string; shortcut: string; title: string; language: string | null; owner_id: string | null; body: string }>(
    db,
    `SELECT id, shortcut, title, language, owner_id, body FROM whatsapp_canned_replies
      WHERE owner_id IS NULL OR owner_id = $1
      ORDER BY shortcut, language NULLS LAST, owner_id NULLS LAST`,
    [request.agentId],
  );
  return replies.map((reply) => ({
    id: reply.id,
    shortcut: reply.shortcut,
    title: reply.title,
    language: reply.language,
    shared: reply.owner_id === null,
    ...fillPlaceholders(reply.body, values),
  }));
}

/** What the placeholders stand for in this conversation, for this agent. */
async function placeholderValues(db: Queryable, request: { conversationId: string; agentId: string }): Promise<Record<string, string | null>> {
  const row = await queryOne<PlaceholderRow>(
    db,
    `SELECT COALESCE(ct.display_name, ct.profile_name) AS contact_name, COALESCE(ct.phone_e164, '+' || ct.wa_id) AS phone,
            ct.crm_record_label, ct.crm_record_fields, (SELECT name FROM whatsapp_agents WHERE id = $2) AS agent_name
       FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id
      WHERE c.id = $1`,
    [request.conversationId, request.agentId],
  );
  if (!row) return {};
  const crmFields = Object.fromEntries(
    Object.entries(row.crm_record_fields ?? {})
      .filter(([, value]) => typeof value === 'string' || typeof value === 'number')
      .map(([field, value]) => [`crm.${field.toLowerCase()}`, String(value)]),
  );
  return {
    ...crmFields,
    'contact.name': row.contact_name,
    'contact.phone': row.phone,
    'agent.name': row.agent_name,
    'crm.label': row.crm_record_label,
  };
}
