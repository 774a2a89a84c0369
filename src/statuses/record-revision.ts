import type { EntityManager } from 'typeorm';
import type { InboxNotifications } from '../db/notify.js';
import { prepared, queryOne } from '../db/sql.js';
import { MESSAGE_REF_COLUMNS, type MessageRef } from './record-reaction.js';

export interface MessageRevision {
  accountId: string;
  /** The customer of the conversation: the author of an inbound message, the recipient of the business's own. */
  contactId: string;
  /** Which side's message it changes: the customer's (inbound) or the business's, from the WhatsApp Business app (outbound). */
  direction: 'inbound' | 'outbound';
  revisionWamid: string;
  targetWamid: string;
  kind: 'edit' | 'revoke';
  /** An edit's new text or caption. */
  body: string | null;
  payload: unknown;
  at: Date;
}

/**
 * Records an edit or a deletion in the ledger and, when the message it changes is stored,
 * rewrites that message from the ledger. Neither counts as a new message nor moves the 24-hour
 * window; the raw event keeps what arrived. Callers hold the target's message lock.
 */
export async function recordMessageRevision(manager: EntityManager, revision: MessageRevision, notifications: InboxNotifications): Promise<void> {
  const inserted = await queryOne<{ id: string }>(
    manager,
    prepared(`INSERT INTO whatsapp_message_revisions (account_id, contact_id, direction, revision_wamid, target_wamid, kind, body, payload, revised_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
     ON CONFLICT ON CONSTRAINT uq_whatsapp_message_revisions_revision_wamid DO NOTHING
     RETURNING id`),
    [
      revision.accountId,
      revision.contactId,
      revision.direction,
      revision.revisionWamid.slice(0, 255),
      revision.targetWamid.slice(0, 255),
      revision.kind,
      revision.body,
      revision.payload,
      revision.at,
    ],
  );
  if (!inserted) return;
  const target = await queryOne<MessageRef>(manager, prepared(`${REFRESH_REVISIONS_SQL} RETURNING ${MESSAGE_REF_COLUMNS}`), [revision.targetWamid]);
  if (target) notifications.add({ kind: 'message.updated', ...target });
}

/**
 * `$1` is the target wamid. Rewrites the message from its ledger, whatever order the revisions
 * came in: the text of its latest edit, the earlier versions oldest first (the original
 * included), the time of its first deletion. Only revisions by its own author count: the same
 * customer and the same side, so nobody can rewrite another customer's message by naming its id.
 */
export const REFRESH_REVISIONS_SQL = `
  WITH target AS (
    SELECT m.id, m.body, m.edited_at, m.edit_history, COALESCE(m.received_at, m.sent_at, m.created_at) AS at, v.contact_id, m.direction
      FROM whatsapp_messages m JOIN whatsapp_conversations v ON v.id = m.conversation_id
     WHERE m.wamid = $1
  ), revisions AS (
    SELECT r.kind, r.body, r.revised_at, r.revision_wamid FROM whatsapp_message_revisions r, target t
     WHERE r.target_wamid = $1 AND r.contact_id = t.contact_id AND r.direction = t.direction
  ), edits AS (
    SELECT body, revised_at, row_number() OVER (ORDER BY revised_at DESC, revision_wamid DESC) AS newest
      FROM revisions WHERE kind = 'edit'
  ), original AS (
    SELECT CASE WHEN t.edited_at IS NULL THEN jsonb_build_object('body', t.body, 'at', t.at) ELSE t.edit_history->0 END AS version FROM target t
  )
  UPDATE whatsapp_messages m SET
    body = COALESCE((SELECT body FROM edits WHERE newest = 1), (SELECT version->>'body' FROM original)),
    edited_at = (SELECT max(revised_at) FROM edits),
    edit_history = CASE WHEN EXISTS (SELECT 1 FROM edits) THEN
        jsonb_build_array((SELECT version FROM original))
          || COALESCE((SELECT jsonb_agg(jsonb_build_object('body', body, 'at', revised_at) ORDER BY revised_at, newest DESC) FROM edits WHERE newest > 1), '[]'::jsonb)
      END,
    deleted_at = (SELECT min(revised_at) FROM revisions WHERE kind = 'revoke'),
    updated_at = now()
  FROM target t
  WHERE m.id = t.id AND EXISTS (SELECT 1 FROM revisions)`;
