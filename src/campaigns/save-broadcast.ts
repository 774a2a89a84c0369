import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryOne } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import type { BroadcastAudience, ParameterMapping } from '../domain/campaign-kinds.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { assertManages, lockBroadcast } from './campaign-access.js';
import { CampaignRefusal } from './campaign-refusal.js';
import { loadCampaignTemplate } from './campaign-template.js';

export interface BroadcastDraft {
  accountId: string;
  name: string;
  templateId: string | null;
  /** A CSV audience is set by importing the file (importBroadcastCsv), not here. */
  audience: Exclude<BroadcastAudience, { kind: 'csv' }> | null;
  parameters: Record<string, ParameterMapping>;
  /** Null: as fast as the number allows. */
  messagesPerSecond: number | null;
  useMarketingApi: boolean;
  /** Null: when launched. */
  scheduledAt: Date | null;
}

/** The most a sending speed may be: Meta's highest throughput. */
const MAX_SPEED = 1000;

/**
 * Creates a draft broadcast, or changes one that is still a draft (or scheduled, which goes
 * back to draft: a scheduled broadcast is launched again after a change). Returns its id.
 */
export async function saveBroadcast(context: PluginContext, actor: InboxActor | null, draft: BroadcastDraft, broadcastId?: string): Promise<string> {
  const name = draft.name.trim();
  if (!name) throw CampaignRefusal.of('name-required');
  if (draft.messagesPerSecond !== null && !(draft.messagesPerSecond > 0 && draft.messagesPerSecond <= MAX_SPEED)) throw CampaignRefusal.of('invalid-speed');
  assertManages(actor, draft.accountId);
  return inTransaction(context.dataSource, async ({ manager }) => {
    const account = await queryOne<{ id: string }>(manager, prepared(`SELECT id FROM whatsapp_accounts WHERE id::text = $1`), [draft.accountId]);
    if (!account) throw CampaignRefusal.of('account-not-found');
    if (draft.templateId && !(await loadCampaignTemplate(manager, account.id, draft.templateId))) throw CampaignRefusal.of('template-not-found');
    const values = [
      account.id, name.slice(0, 200), draft.templateId, draft.parameters, draft.messagesPerSecond, draft.useMarketingApi, draft.scheduledAt, actor?.id ?? null,
    ];
    if (!broadcastId) {
      const created = await queryOne<{ id: string }>(
        manager,
        `INSERT INTO whatsapp_broadcasts (account_id, name, template_id, parameters, messages_per_second, use_marketing_api, scheduled_at, created_by_id, audience)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
        [...values, draft.audience ?? { kind: 'none' }],
      );
      return created!.id;
    }
    const current = await lockBroadcast(manager, broadcastId, actor);
    if (current.status !== 'draft' && current.status !== 'scheduled') throw CampaignRefusal.of('not-a-draft');
    // Moving a broadcast to another number would strand its imported rows' contacts: a number is chosen once.
    if (current.accountId !== account.id) throw CampaignRefusal.of('not-a-draft');
    // Another kind of audience replaces the uploaded rows.
    if (draft.audience) await queryOne(manager, `DELETE FROM whatsapp_broadcast_recipients WHERE broadcast_id = $1`, [current.id]);
    await queryOne(
      manager,
      `UPDATE whatsapp_broadcasts SET name = $2, template_id = $3, parameters = $4, messages_per_second = $5, use_marketing_api = $6, scheduled_at = $7,
              audience = COALESCE($8::jsonb, audience), recipients_total = CASE WHEN $8::jsonb IS NULL THEN recipients_total ELSE 0 END,
              status = 'draft', updated_at = now()
        WHERE id = $1`,
      [current.id, ...values.slice(1, 7), draft.audience],
    );
    return current.id;
  });
}
