import { queryOne, type Queryable } from '../db/sql.js';
import { characterCount, MESSAGE_LIMITS } from '../domain/message-limits.js';
import { isUuid } from '../domain/uuid.js';

export const CANNED_SHORTCUT = /^[a-z0-9][a-z0-9_-]{0,39}$/;
export const MAX_CANNED_TITLE = 100;

export interface CannedReplyDraft {
  /** The reply being edited; absent for a new one. */
  id?: string;
  shortcut: string;
  title: string;
  body: string;
  language: string | null;
  /** Null: shared. */
  ownerId: string | null;
}

/** What is wrong with a canned reply, field by field (i18n keys under `cannedReplies.problem`); empty when it can be saved. */
export async function cannedReplyProblems(db: Queryable, draft: CannedReplyDraft): Promise<Record<string, string>> {
  const problems: Record<string, string> = {};
  if (!CANNED_SHORTCUT.test(draft.shortcut)) problems.shortcut = 'cannedReplies.problem.shortcut';
  if (!draft.title.trim() || characterCount(draft.title) > MAX_CANNED_TITLE) problems.title = 'cannedReplies.problem.title';
  if (!draft.body.trim() || characterCount(draft.body) > MESSAGE_LIMITS.textBody) problems.body = 'cannedReplies.problem.body';
  if (!problems.shortcut) {
    const taken = await queryOne<{ id: string }>(
      db,
      `SELECT id FROM whatsapp_canned_replies
        WHERE shortcut = $1 AND COALESCE(language, '') = COALESCE($2, '') AND owner_id IS NOT DISTINCT FROM $3 AND id <> $4`,
      [draft.shortcut, draft.language, draft.ownerId, draft.id && isUuid(draft.id) ? draft.id : '00000000-0000-0000-0000-000000000000'],
    );
    if (taken) problems.shortcut = 'cannedReplies.problem.taken';
  }
  return problems;
}
