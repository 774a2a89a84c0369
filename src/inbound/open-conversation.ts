import type { EntityManager } from 'typeorm';
import { prepared, queryOne, queryRows } from '../db/sql.js';
import type { ConversationStatus } from '../entities/whatsapp-conversation.entity.js';
import type { EventKind } from '../domain/event-kinds.js';
import { emitConversationEventList } from '../events/emit-event.js';

export interface ConversationRecord {
  id: string;
  status: ConversationStatus;
  intent: string | null;
  leadId: string | null;
}

export interface OpenedConversation {
  conversation: ConversationRecord;
  /** What happened to it: `existing` (already live), `opened` (created), `reopened`, or `woken` (it was snoozed). */
  change: 'existing' | 'opened' | 'reopened' | 'woken';
}

const CONVERSATION_COLUMNS = `id, status, intent, lead_id AS "leadId"`;

/**
 * The live (non-resolved) conversation of a contact on a number, created or reopened for an
 * inbound message. `latest` is the contact's live conversation, else its latest one, as the
 * caller read it under the contact's lock. `onInboundToResolved` decides whether a resolved
 * one is reopened or a new one starts. The partial unique index
 * uq_whatsapp_conversations_live_per_contact is the guarantee of one live conversation; the
 * contact lock only spares the retries.
 */
export async function openConversationForInbound(
  manager: EntityManager,
  audit: ConversationAuditTrail,
  input: {
    accountId: string;
    contactId: string;
    latest: ConversationRecord | null;
    onInboundToResolved: 'reopen' | 'new-conversation';
    wamid: string;
  },
): Promise<OpenedConversation> {
  const { latest } = input;
  // The customer wrote before the snooze ended: the conversation is back in the open list now.
  if (latest?.status === 'snoozed') {
    const woken = await backToOpen(manager, latest.id, 'snoozed');
    if (woken) {
      audit.add(woken.id, 'unsnoozed', { wamid: input.wamid, reason: 'customer-wrote' });
      return { conversation: woken, change: 'woken' };
    }
  }
  if (latest && latest.status !== 'resolved') return { conversation: latest, change: 'existing' };

  if (latest && input.onInboundToResolved === 'reopen') {
    const reopened = await backToOpen(manager, latest.id, 'resolved');
    if (reopened) {
      audit.add(reopened.id, 'reopened', { wamid: input.wamid });
      return { conversation: reopened, change: 'reopened' };
    }
  }

  const created = await queryOne<ConversationRecord>(
    manager,
    prepared(`INSERT INTO whatsapp_conversations (account_id, contact_id, status) VALUES ($1, $2, 'open')
     ON CONFLICT (account_id, contact_id) WHERE status <> 'resolved' DO NOTHING
     RETURNING ${CONVERSATION_COLUMNS}`),
    [input.accountId, input.contactId],
  );
  if (created) {
    audit.add(created.id, 'opened', { wamid: input.wamid, ...(latest ? { previousConversationId: latest.id } : {}) });
    return { conversation: created, change: 'opened' };
  }
  return theirs(manager, input);
}

/** A snoozed or resolved conversation made open again; undefined when another transaction changed it first. */
function backToOpen(manager: EntityManager, conversationId: string, from: 'snoozed' | 'resolved'): Promise<ConversationRecord | undefined> {
  return queryOne<ConversationRecord>(
    manager,
    prepared(`UPDATE whatsapp_conversations SET status = 'open', snoozed_until = NULL, resolved_at = NULL, updated_at = now()
      WHERE id = $1 AND status = $2 RETURNING ${CONVERSATION_COLUMNS}`),
    [conversationId, from],
  );
}

/** Another transaction opened the contact's conversation between our read and our insert: use theirs. */
async function theirs(manager: EntityManager, input: { accountId: string; contactId: string }): Promise<OpenedConversation> {
  const live = await queryOne<ConversationRecord>(
    manager,
    prepared(`SELECT ${CONVERSATION_COLUMNS} FROM whatsapp_conversations WHERE account_id = $1 AND contact_id = $2 AND status <> 'resolved'`),
    [input.accountId, input.contactId],
  );
  if (!live) throw new Error(`conversation of contact ${input.contactId} vanished while being opened`);
  return { conversation: live, change: 'existing' };
}

/**
 * The conversation a message that is not the customer writing goes to (an echo of the
 * business's own message, imported history, a call notice): the live one, else the latest one
 * as it is (never reopened: that is the customer's doing), else a new one — open, or resolved
 * for imported history, which must not put six months of old chats back in the agents' queue.
 */
export async function attachConversation(
  manager: EntityManager,
  audit: ConversationAuditTrail,
  input: { accountId: string; contactId: string; latest: ConversationRecord | null; createAs: 'open' | 'resolved' },
): Promise<OpenedConversation> {
  if (input.latest) return { conversation: input.latest, change: 'existing' };
  const created = await queryOne<ConversationRecord>(
    manager,
    prepared(`INSERT INTO whatsapp_conversations (account_id, contact_id, status, resolved_at)
     VALUES ($1, $2, $3::text, CASE WHEN $3::text = 'resolved' THEN now() END)
     ON CONFLICT (account_id, contact_id) WHERE status <> 'resolved' DO NOTHING
     RETURNING ${CONVERSATION_COLUMNS}`),
    [input.accountId, input.contactId, input.createAs],
  );
  if (created) {
    if (created.status !== 'resolved') audit.add(created.id, 'opened', {});
    return { conversation: created, change: created.status === 'resolved' ? 'existing' : 'opened' };
  }
  return theirs(manager, input);
}

type ProcessorAuditKind = 'opened' | 'reopened' | 'unsnoozed' | 'intent_detected' | 'lead_created' | 'lead_linked' | 'ad_referral';

// The audit rows hosts hear of, and as which events: a lead made by keyword routing is created and linked.
const EVENTS_OF: Partial<Record<ProcessorAuditKind, readonly EventKind[]>> = {
  opened: ['conversation.created'],
  reopened: ['conversation.reopened'],
  lead_created: ['lead.created', 'lead.linked'],
  lead_linked: ['lead.linked'],
};

interface AuditEntry {
  conversationId: string;
  kind: ProcessorAuditKind;
  details: Record<string, unknown>;
}

/**
 * Audit rows of the conversations' trail, and the outbox events they stand for; the webhook
 * processor acts as the system (no actor). Rows are added once the conversation row says what
 * they record (created, reopened, its lead set) and written together by `write`: a batch that
 * opens fifty conversations costs two statements, not a hundred. The processor writes what it
 * gathered before the messages' events, so that hosts hear of a conversation before what is in it.
 */
export class ConversationAuditTrail {
  private entries: AuditEntry[] = [];

  add(conversationId: string, kind: ProcessorAuditKind, details: Record<string, unknown>): void {
    this.entries.push({ conversationId, kind, details });
  }

  async write(manager: EntityManager): Promise<void> {
    const entries = this.entries;
    this.entries = [];
    if (entries.length === 0) return;
    await queryRows(
      manager,
      prepared(`INSERT INTO whatsapp_conversation_events (conversation_id, kind, details)
        SELECT "conversationId", kind, details FROM jsonb_to_recordset($1::jsonb) AS r("conversationId" uuid, kind text, details jsonb)`),
      [JSON.stringify(entries)],
    );
    await emitConversationEventList(
      manager,
      entries.flatMap(({ conversationId, kind, details }) =>
        (EVENTS_OF[kind] ?? []).map((event) => ({ kind: event, conversationId, extra: { ...details, actorId: null } })),
      ),
    );
  }
}

/** One audit row (and its events) written at once. */
export async function recordConversationEvent(
  manager: EntityManager,
  conversationId: string,
  kind: ProcessorAuditKind,
  details: Record<string, unknown>,
): Promise<void> {
  const trail = new ConversationAuditTrail();
  trail.add(conversationId, kind, details);
  await trail.write(manager);
}
