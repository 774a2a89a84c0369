import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryOne } from '../db/sql.js';
import { inTransaction } from '../db/transaction.js';
import type { SequenceStatus, SequenceStep, SequenceTrigger } from '../domain/campaign-kinds.js';
import { sequenceProblems } from '../domain/sequence-steps.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { assertManages } from './campaign-access.js';
import { CampaignRefusal } from './campaign-refusal.js';

export interface SequenceDefinition {
  accountId: string;
  name: string;
  status: SequenceStatus;
  steps: SequenceStep[];
  triggers: SequenceTrigger[];
  exitOnReply: boolean;
  exitOnResolve: boolean;
}

/**
 * Creates a sequence or changes one. Steps keep their ids, so active enrollments stay on the
 * step they were at; one whose step was removed completes at its next run. Every template step
 * must name a template of the sequence's number.
 */
export async function saveSequence(context: PluginContext, actor: InboxActor | null, definition: SequenceDefinition, sequenceId?: string): Promise<string> {
  const name = definition.name.trim();
  if (!name) throw CampaignRefusal.of('name-required');
  const problems = sequenceProblems(definition.steps, definition.triggers);
  if (problems.length > 0) throw CampaignRefusal.of('sequence-problems', { problems: problems.join(' ') });
  assertManages(actor, definition.accountId);
  return inTransaction(context.dataSource, async ({ manager }) => {
    const templateIds = definition.steps.flatMap((step) => (step.kind === 'template' ? [step.templateId] : []));
    const known = await queryOne<{ n: number }>(
      manager,
      prepared(`SELECT count(DISTINCT id)::int AS n FROM whatsapp_templates WHERE account_id::text = $1 AND id::text = ANY($2::text[])`),
      [definition.accountId, templateIds],
    );
    if ((known?.n ?? 0) !== new Set(templateIds).size) throw CampaignRefusal.of('template-not-found');
    const values = [
      definition.accountId, name.slice(0, 200), definition.status, JSON.stringify(definition.steps), JSON.stringify(definition.triggers),
      definition.exitOnReply, definition.exitOnResolve,
    ];
    if (!sequenceId) {
      const created = await queryOne<{ id: string }>(
        manager,
        `INSERT INTO whatsapp_sequences (account_id, name, status, steps, triggers, exit_on_reply, exit_on_resolve, created_by_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [...values, actor?.id ?? null],
      );
      return created!.id;
    }
    const current = await queryOne<{ account_id: string }>(manager, `SELECT account_id FROM whatsapp_sequences WHERE id::text = $1 FOR UPDATE`, [sequenceId]);
    if (!current) throw CampaignRefusal.of('not-found');
    assertManages(actor, current.account_id);
    if (current.account_id !== definition.accountId) throw CampaignRefusal.of('not-allowed');
    await queryOne(
      manager,
      `UPDATE whatsapp_sequences SET name = $2, status = $3, steps = $4, triggers = $5, exit_on_reply = $6, exit_on_resolve = $7, updated_at = now()
        WHERE id = $8 AND account_id = $1`,
      [...values, sequenceId],
    );
    return sequenceId;
  });
}
