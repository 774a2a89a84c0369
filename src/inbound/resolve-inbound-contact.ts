import type { EntityManager } from 'typeorm';
import { phoneLookupVariants, waIdToE164 } from '../domain/phone.js';
import type { ConversationRecord } from './open-conversation.js';
import { prepared, queryOne, queryRows } from '../db/sql.js';

/** Who sent an inbound message, as the delivery tells it. At least one of waId and userId is set. */
export interface InboundSender {
  waId: string | null;
  userId: string | null;
  profileName: string | null;
  /** The WhatsApp username, when the customer has one (shown where there is no phone). */
  username: string | null;
  /** The message's own time: a stale redelivery must not put back an older profile name. */
  at: Date;
}

export interface ContactRecord {
  id: string;
  waId: string | null;
  userId: string | null;
  phoneE164: string | null;
  profileName: string | null;
  username: string | null;
  crmRecordType: string | null;
}

export interface ResolvedContact {
  contact: ContactRecord;
  /** True when the contact was created or its phone changed: CRM matching must run again. */
  phoneIsNew: boolean;
  /** The contact's live conversation, else its latest one (null for a new contact). */
  latestConversation: ConversationRecord | null;
}

const CONTACT_COLUMNS = `id, wa_id AS "waId", user_id AS "userId", phone_e164 AS "phoneE164", profile_name AS "profileName",
  username, crm_record_type AS "crmRecordType"`;

/** A contact that may be the sender, with its live (else latest) conversation. */
export type ContactCandidate = ContactRecord & { conversation: ConversationRecord | null };

/**
 * The columns of a ContactCandidate, for a query over `whatsapp_contacts c`. A contact belongs
 * to one number, so its conversations are found by the contact alone: with the account in the
 * condition too, a planner misled by young statistics walks the account's conversations instead.
 */
export const CANDIDATE_COLUMNS = `c.id, c.wa_id AS "waId", c.user_id AS "userId", c.phone_e164 AS "phoneE164", c.profile_name AS "profileName",
  c.username, c.crm_record_type AS "crmRecordType",
  (SELECT json_build_object('id', v.id, 'status', v.status, 'intent', v.intent, 'leadId', v.lead_id)
     FROM whatsapp_conversations v WHERE v.contact_id = c.id
    ORDER BY (v.status <> 'resolved') DESC, v.created_at DESC LIMIT 1) AS conversation`;

/** The identity a sender is cached under within one transaction. */
export function senderKey(accountId: string, sender: { waId: string | null; userId: string | null }): string {
  return `${accountId}:${sender.waId ? `wa:${sender.waId}` : `user:${sender.userId}`}`;
}

/**
 * Every key one customer may be found under in a transaction: each BR/MX/AR spelling of their
 * phone and their BSUID. A second delivery of the batch under another spelling must find the
 * contact the first one created (it is not in the prefetched rows, read before either).
 */
export function aliasKeys(accountId: string, identity: { waId: string | null; userId: string | null }): string[] {
  const keys = identity.waId ? lookupSpellings(identity.waId).map((waId) => senderKey(accountId, { waId, userId: null })) : [];
  if (identity.userId) keys.push(senderKey(accountId, { waId: null, userId: identity.userId }));
  return keys;
}

/**
 * Finds the one contact behind a sender (exact wa_id, then its BR/MX/AR spellings, then the
 * BSUID) or creates it, and brings it up to date: Meta's wa_id spelling (the one replies must
 * go to), BSUID, E.164 and profile name. `candidates`, when the caller prefetched them, spare
 * the lookup: a known customer with nothing changed then costs no statement at all.
 * Callers hold the sender's contact lock.
 */
export async function resolveInboundContact(
  manager: EntityManager,
  accountId: string,
  sender: InboundSender,
  prefetched?: ContactCandidate[],
): Promise<ResolvedContact> {
  const spellings = sender.waId ? lookupSpellings(sender.waId) : [];
  const candidates =
    prefetched ??
    (await queryRows<ContactCandidate>(
      manager,
      prepared(`SELECT ${CANDIDATE_COLUMNS} FROM whatsapp_contacts c
        WHERE c.account_id = $1 AND (c.wa_id = ANY($2::text[]) OR ($3::text IS NOT NULL AND c.user_id = $3))`),
      [accountId, spellings, sender.userId],
    ));
  const found =
    candidates.find((c) => sender.waId !== null && c.waId === sender.waId) ??
    candidates.find((c) => c.waId !== null && spellings.includes(c.waId)) ??
    candidates.find((c) => sender.userId !== null && c.userId === sender.userId);

  const phoneE164 = sender.waId ? waIdToE164(sender.waId) : null;
  if (!found) {
    const created = await queryOne<ContactRecord>(
      manager,
      prepared(`INSERT INTO whatsapp_contacts (account_id, wa_id, user_id, phone_e164, profile_name, username)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT ON CONSTRAINT uq_whatsapp_contacts_account_wa_id DO UPDATE SET updated_at = now()
       RETURNING ${CONTACT_COLUMNS}`),
      [accountId, sender.waId, sender.userId, phoneE164, sender.profileName, sender.username?.slice(0, 100) ?? null],
    );
    return { contact: created!, phoneIsNew: true, latestConversation: null };
  }
  const { conversation: latestConversation, ...existing } = found;

  const waIdChanged = sender.waId !== null && existing.waId !== sender.waId;
  const changes = {
    waId: waIdChanged ? sender.waId : existing.waId,
    phoneE164: waIdChanged || (existing.phoneE164 === null && phoneE164 !== null) ? phoneE164 : existing.phoneE164,
    userId: existing.userId ?? sender.userId,
  };
  const identityChanged = waIdChanged || changes.phoneE164 !== existing.phoneE164 || changes.userId !== existing.userId;
  const nameChanged =
    (sender.profileName !== null && sender.profileName !== existing.profileName) || (sender.username !== null && sender.username !== existing.username);
  if (!identityChanged && !nameChanged) return { contact: existing, phoneIsNew: false, latestConversation };

  const updated = await queryOne<ContactRecord>(
    manager,
    prepared(`UPDATE whatsapp_contacts c
        SET wa_id = $2, phone_e164 = $3, user_id = $4, updated_at = now(),
            profile_name = CASE
              WHEN $5::text IS NULL THEN c.profile_name
              WHEN EXISTS (SELECT 1 FROM whatsapp_conversations v WHERE v.contact_id = c.id AND v.last_inbound_at > $6) THEN c.profile_name
              ELSE $5 END,
            username = COALESCE($7, c.username)
      WHERE c.id = $1
      RETURNING ${CONTACT_COLUMNS}`),
    [existing.id, changes.waId, changes.phoneE164, changes.userId, sender.profileName, sender.at, sender.username?.slice(0, 100) ?? null],
  );
  return { contact: updated!, phoneIsNew: changes.phoneE164 !== existing.phoneE164, latestConversation };
}

/**
 * `system` message `user_changed_number`: the customer now writes from `newWaId`. The contact
 * moves to it unless another contact already owns that number (then both stay as they are:
 * merging two histories is a person's decision).
 */
export async function changeContactNumber(
  manager: EntityManager,
  accountId: string,
  contact: ContactRecord,
  newWaId: string,
  newUserId: string | null,
): Promise<{ changed: boolean; contact: ContactRecord }> {
  if (contact.waId === newWaId) return { changed: false, contact };
  const owner = await queryOne<{ id: string }>(
    manager,
    prepared(`SELECT id FROM whatsapp_contacts WHERE account_id = $1 AND id <> $4 AND (wa_id = ANY($2::text[]) OR user_id = $3)`),
    [accountId, lookupSpellings(newWaId), newUserId, contact.id],
  );
  if (owner) return { changed: false, contact };
  // A new number also regenerates the customer's BSUID (2026): the old one no longer reaches them.
  const updated = await queryOne<ContactRecord>(
    manager,
    prepared(`UPDATE whatsapp_contacts SET wa_id = $2, phone_e164 = $3, user_id = COALESCE($4, user_id), updated_at = now()
      WHERE id = $1 RETURNING ${CONTACT_COLUMNS}`),
    [contact.id, newWaId, waIdToE164(newWaId), newUserId],
  );
  return { changed: true, contact: updated! };
}

/**
 * `system` message `user_changed_user_id`: the customer's BSUID changed and no phone can be
 * shared. The contact known by the previous BSUID moves to the new one, unless another contact
 * already has it (merging two histories is a person's decision). Null when no contact has the
 * previous BSUID: nothing to move.
 */
export async function changeContactUserId(
  manager: EntityManager,
  accountId: string,
  previousUserId: string,
  newUserId: string,
): Promise<{ contact: ContactCandidate; moved: boolean } | null> {
  const [found] = await queryRows<ContactCandidate>(
    manager,
    prepared(`SELECT ${CANDIDATE_COLUMNS} FROM whatsapp_contacts c WHERE c.account_id = $1 AND c.user_id = ANY($2::text[])
      ORDER BY (c.user_id = $3) DESC`),
    [accountId, [previousUserId, newUserId], newUserId],
  );
  if (!found) return null;
  if (found.userId === newUserId) return { contact: found, moved: false };
  await queryRows(manager, prepared(`UPDATE whatsapp_contacts SET user_id = $2, updated_at = now() WHERE id = $1`), [found.id, newUserId]);
  return { contact: { ...found, userId: newUserId }, moved: true };
}

/** A wa_id's own spelling and its BR/MX/AR variants (the wa_id alone when it is not digits). */
export function lookupSpellings(waId: string): string[] {
  const variants = phoneLookupVariants(waId);
  return variants.length > 0 ? variants : [waId];
}
