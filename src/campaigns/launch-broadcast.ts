import type { EntityManager } from 'typeorm';
import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryOne, queryRows } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import type { BroadcastAudience, ParameterMapping } from '../domain/campaign-kinds.js';
import { emitBroadcastEvent } from '../events/emit-campaign-events.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { enqueueFeed } from './broadcast-jobs.js';
import { lockBroadcast } from './campaign-access.js';
import { CampaignRefusal } from './campaign-refusal.js';
import { isMarketing, loadCampaignTemplate, unmappedSlots } from './campaign-template.js';
import { emptyReport, recipientRow, ROWS_PER_BATCH, storeRecipientRows, type RecipientRow } from './store-recipient-rows.js';

export interface LaunchResult {
  status: 'sending' | 'scheduled';
  /** Rows that will get a message (skipped ones excluded). */
  recipients: number;
}

interface LaunchRow {
  account_id: string;
  status: string;
  template_id: string | null;
  audience: BroadcastAudience;
  parameters: Record<string, ParameterMapping>;
  use_marketing_api: boolean;
  scheduled_at: Date | null;
  default_region: string;
  marketing_messages_api: boolean;
}

/**
 * Launches a draft: checks it can be sent (an approved template, every parameter mapped, the
 * Marketing Messages API only for a marketing template on a number onboarded to it), resolves its
 * audience into rows (labels and attributes in SQL, the host's records streamed, a CSV already
 * imported), marks the contacts who stopped marketing as skipped, and starts sending now or at
 * its time. One transaction: a launch that fails leaves the draft as it was.
 */
export async function launchBroadcast(context: PluginContext, actor: InboxActor | null, broadcastId: string): Promise<LaunchResult> {
  return inTransaction(context.dataSource, async (tx) => {
    const { manager } = tx;
    const locked = await lockBroadcast(manager, broadcastId, actor);
    if (locked.status !== 'draft') throw CampaignRefusal.of('not-a-draft');
    const broadcast = (await queryOne<LaunchRow>(
      manager,
      `SELECT b.account_id, b.status, b.template_id, b.audience, b.parameters, b.use_marketing_api, b.scheduled_at, a.default_region, a.marketing_messages_api
         FROM whatsapp_broadcasts b JOIN whatsapp_accounts a ON a.id = b.account_id WHERE b.id = $1`,
      [locked.id],
    ))!;
    const template = await loadCampaignTemplate(manager, broadcast.account_id, broadcast.template_id);
    if (!template) throw CampaignRefusal.of('template-not-found');
    if (template.status !== 'APPROVED') throw CampaignRefusal.of('template-not-approved', { name: template.name });
    const unmapped = unmappedSlots(template, broadcast.parameters);
    if (unmapped.length > 0) throw CampaignRefusal.of('parameters-unmapped', { slots: unmapped.join(', ') });
    if (broadcast.use_marketing_api && (!isMarketing(template) || !broadcast.marketing_messages_api)) throw CampaignRefusal.of('marketing-api-unavailable');

    await resolveAudience(context, manager, locked.id, broadcast);
    const counts = await queryOne<{ total: number; pending: number }>(
      manager,
      `WITH known AS (
         UPDATE whatsapp_broadcast_recipients r SET contact_id = ct.id
           FROM whatsapp_contacts ct
          WHERE r.broadcast_id = $1 AND r.contact_id IS NULL AND r.wa_id IS NOT NULL AND ct.account_id = $2 AND ct.wa_id = r.wa_id
          RETURNING r.id
       ), stopped AS (
         UPDATE whatsapp_broadcast_recipients r SET state = 'skipped', skip_reason = 'opted-out'
           FROM whatsapp_contacts ct
          WHERE $3 AND r.broadcast_id = $1 AND r.state = 'pending' AND ct.account_id = $2
            AND ct.id = COALESCE(r.contact_id, (SELECT k.id FROM whatsapp_contacts k WHERE k.account_id = $2 AND k.wa_id = r.wa_id))
            AND ct.marketing_opted_out_at IS NOT NULL
          RETURNING r.id
       )
       SELECT (SELECT count(*)::int FROM whatsapp_broadcast_recipients WHERE broadcast_id = $1) AS total,
              (SELECT count(*)::int FROM whatsapp_broadcast_recipients WHERE broadcast_id = $1 AND state = 'pending')
                - (SELECT count(*)::int FROM stopped) AS pending`,
      [locked.id, broadcast.account_id, isMarketing(template)],
    );
    if (!counts || counts.pending <= 0) throw CampaignRefusal.of('audience-empty');

    const now = context.clock.now();
    const later = broadcast.scheduled_at !== null && broadcast.scheduled_at.getTime() > now.getTime();
    await queryRows(
      manager,
      `UPDATE whatsapp_broadcasts SET status = $2::text, started_at = CASE WHEN $2::text = 'sending' THEN $3::timestamptz END, recipients_total = $4,
              paused_at = NULL, paused_reason = NULL, fed_at = now(), updated_at = now()
        WHERE id = $1`,
      [locked.id, later ? 'scheduled' : 'sending', now, counts.total],
    );
    await emitBroadcastEvent(manager, 'broadcast.launched', locked.id, { actorId: actor?.id ?? null, recipientsToSend: counts.pending });
    if (!later) await enqueueFeed(context, locked.id, { db: tx.jobDb });
    return { status: later ? 'scheduled' : 'sending', recipients: counts.pending };
  });
}

/** Turns the audience into rows; a CSV's rows were stored when it was imported. */
async function resolveAudience(context: PluginContext, manager: EntityManager, broadcastId: string, broadcast: LaunchRow): Promise<void> {
  const audience = broadcast.audience;
  if (audience.kind === 'csv') return;
  await queryRows(manager, `DELETE FROM whatsapp_broadcast_recipients WHERE broadcast_id = $1`, [broadcastId]);
  if (audience.kind === 'labels' || audience.kind === 'attributes') return contactsAudience(manager, broadcastId, broadcast.account_id, audience);
  if (audience.kind === 'crm') return crmAudience(context, manager, broadcastId, broadcast, audience.audience);
  throw CampaignRefusal.of('audience-required');
}

/** Contacts of the number by the labels of their conversations, or by their attributes; in SQL, never loaded. */
async function contactsAudience(
  manager: EntityManager,
  broadcastId: string,
  accountId: string,
  audience: Extract<BroadcastAudience, { kind: 'labels' | 'attributes' }>,
): Promise<void> {
  const condition =
    audience.kind === 'labels'
      ? `EXISTS (SELECT 1 FROM whatsapp_conversations v WHERE v.contact_id = ct.id AND ${audience.match === 'all' ? 'v.labels @> $3::text[]' : 'v.labels && $3::text[]'})`
      : `ct.attributes @> $3::jsonb`;
  const value =
    audience.kind === 'labels' ? audience.labels : JSON.stringify(Object.fromEntries(audience.conditions.map((c) => [c.key, c.value])));
  if ((audience.kind === 'labels' && audience.labels.length === 0) || (audience.kind === 'attributes' && audience.conditions.length === 0)) {
    throw CampaignRefusal.of('audience-required');
  }
  await queryRows(
    manager,
    prepared(`INSERT INTO whatsapp_broadcast_recipients (broadcast_id, position, phone_input, wa_id, contact_id, crm_record_label)
     SELECT $1, row_number() OVER (ORDER BY ct.created_at, ct.id), COALESCE(ct.phone_e164, ct.username), ct.wa_id, ct.id, ct.crm_record_label
       FROM whatsapp_contacts ct
      WHERE ct.account_id = $2 AND ${condition}`),
    [broadcastId, accountId, value],
  );
}

/** The host's records, streamed in batches: however many there are, a batch at a time is in memory. */
async function crmAudience(context: PluginContext, manager: EntityManager, broadcastId: string, broadcast: LaunchRow, name: string): Promise<void> {
  const audience = context.options.crmAudiences[name];
  if (!audience) throw CampaignRefusal.of('crm-audience-unknown', { name });
  const report = emptyReport();
  let batch: RecipientRow[] = [];
  let position = 0;
  for await (const record of audience.records({ manager })) {
    batch.push(recipientRow(++position, record.phone ?? '', broadcast.default_region, record.values ?? {}, record.label ?? null));
    if (batch.length === ROWS_PER_BATCH) {
      await storeRecipientRows(manager, broadcastId, batch, report);
      batch = [];
    }
  }
  await storeRecipientRows(manager, broadcastId, batch, report);
}
