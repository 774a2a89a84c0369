import { expect } from 'chai';
import { buildDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import { assignConversation } from '../../../src/conversations/assign-conversation.js';
import { unassignConversation } from '../../../src/conversations/unassign-conversation.js';
import { resolveConversation } from '../../../src/conversations/resolve-conversation.js';
import { reopenConversation } from '../../../src/conversations/reopen-conversation.js';
import { reactToMessage } from '../../../src/conversations/react-to-message.js';
import { reply } from '../../../src/conversations/reply.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { loadSendTarget, queueOutboundMessage } from '../../../src/delivery/queue-outbound-message.js';
import { foldConversationDays } from '../../../src/reports/fold-conversation-days.js';
import { foldReportDeltas } from '../../../src/reports/fold-report-deltas.js';
import type { InboxActor } from '../../../src/permissions/permission-snapshot.js';
import { deliver } from '../processor/support/deliveries.js';
import { startWorkflowFixture, type WorkflowFixture } from '../workflow/support/workflow-fixture.js';

/** A small deterministic generator, so that a failing stream can be replayed from its seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const LABELS = ['vip', 'billing', 'school'];

/** Rows as comparable text, sorted: the rollups and the recount must hold exactly the same. */
async function rows(f: WorkflowFixture, sql: string): Promise<string[]> {
  return ((await f.context.dataSource.query(sql)) as Record<string, unknown>[])
    .map((row) => JSON.stringify(row, (_key, value: unknown) => (value instanceof Date ? value.toISOString() : value)))
    .sort();
}

const TRAFFIC = `account_id, hour, assignee_id, label, opened, resolved, inbound, human_replies, automatic_replies`;
const NUMBER_TRAFFIC = `account_id, hour, label, opened, resolved, inbound, human_replies, automatic_replies`;

/**
 * The additive rollups are exact at any moment (their deltas added); the conversation rollup and
 * the agents' hours, which follow each conversation's messages in order, once the folder walked
 * the new messages in.
 */
async function expectRollupsEqualRecount(f: WorkflowFixture, folded: boolean): Promise<void> {
  if (folded) {
    expect(await rows(f, `SELECT * FROM whatsapp_report_conversations`)).to.deep.equal(
      await rows(f, `SELECT * FROM whatsapp_report_expected_conversations()`),
    );
    expect(await rows(f, `SELECT * FROM whatsapp_report_agent_hours`)).to.deep.equal(await rows(f, `SELECT * FROM whatsapp_report_expected_agent_hours()`));
  }
  // The deltas not folded yet count as much as the folded rows.
  expect(
    await rows(
      f,
      `SELECT account_id, hour, assignee_id, label, sum(opened)::int AS opened, sum(resolved)::int AS resolved, sum(inbound)::int AS inbound,
              sum(human_replies)::int AS human_replies, sum(automatic_replies)::int AS automatic_replies
         FROM (SELECT ${TRAFFIC} FROM whatsapp_report_hours UNION ALL SELECT ${TRAFFIC} FROM whatsapp_report_hour_deltas) t
        GROUP BY 1, 2, 3, 4 HAVING (sum(opened), sum(resolved), sum(inbound), sum(human_replies), sum(automatic_replies)) <> (0, 0, 0, 0, 0)`,
    ),
  ).to.deep.equal(
    await rows(f, `SELECT * FROM whatsapp_report_expected_hours() WHERE (opened, resolved, inbound, human_replies, automatic_replies) <> (0, 0, 0, 0, 0)`),
  );
  // Every assignee together (what the reports read when no agent is chosen): the same sums.
  expect(
    await rows(
      f,
      `SELECT account_id, hour, label, sum(opened)::int AS opened, sum(resolved)::int AS resolved, sum(inbound)::int AS inbound,
              sum(human_replies)::int AS human_replies, sum(automatic_replies)::int AS automatic_replies
         FROM (SELECT ${NUMBER_TRAFFIC} FROM whatsapp_report_number_hours UNION ALL SELECT ${NUMBER_TRAFFIC} FROM whatsapp_report_hour_deltas) t
        GROUP BY 1, 2, 3 HAVING (sum(opened), sum(resolved), sum(inbound), sum(human_replies), sum(automatic_replies)) <> (0, 0, 0, 0, 0)`,
    ),
  ).to.deep.equal(
    await rows(
      f,
      `SELECT account_id, hour, label, sum(opened)::int AS opened, sum(resolved)::int AS resolved, sum(inbound)::int AS inbound,
              sum(human_replies)::int AS human_replies, sum(automatic_replies)::int AS automatic_replies
         FROM whatsapp_report_expected_hours()
        GROUP BY 1, 2, 3 HAVING (sum(opened), sum(resolved), sum(inbound), sum(human_replies), sum(automatic_replies)) <> (0, 0, 0, 0, 0)`,
    ),
  );
  if (folded) {
    expect(await conversationDays(f, 'day tables')).to.deep.equal(
      await conversationDays(f, 'recount'),
    );
    // Folded, no row of it is left at zero.
    expect(await rows(f, `SELECT * FROM whatsapp_report_number_hours`)).to.deep.equal(await rows(f, `SELECT * FROM whatsapp_report_expected_number_hours()`));
  }
  expect(await rows(f, `SELECT * FROM whatsapp_report_failures WHERE failures <> 0`)).to.deep.equal(
    await rows(f, `SELECT * FROM whatsapp_report_expected_failures()`),
  );
  expect(
    await rows(
      f,
      `SELECT account_id, hour, category, currency, sum(messages)::int AS messages, sum(charged)::int AS charged, sum(cost_micros)::bigint AS cost_micros
         FROM (SELECT ${COSTS} FROM whatsapp_report_costs UNION ALL SELECT ${COSTS} FROM whatsapp_report_cost_deltas) c
        GROUP BY 1, 2, 3, 4 HAVING (sum(messages), sum(charged), sum(cost_micros)) <> (0, 0, 0)`,
    ),
  ).to.deep.equal(await rows(f, `SELECT * FROM whatsapp_report_expected_costs()`));
  expect(await rows(f, `SELECT * FROM whatsapp_report_referrals WHERE conversations <> 0`)).to.deep.equal(
    await rows(f, `SELECT * FROM whatsapp_report_expected_referrals()`),
  );
}

const COSTS = `account_id, hour, category, currency, messages, charged, cost_micros`;

/** Packed seconds (int4send) as sorted numbers: a group's seconds are in no order. */
const secondsIn = (packed: Buffer) => Array.from({ length: packed.length / 4 }, (_, i) => packed.readInt32BE(i * 4)).sort((a, b) => a - b);

/**
 * The conversation day tables as comparable text, or ('recount') the same computed here from
 * the conversations recounted from scratch.
 */
async function conversationDays(f: WorkflowFixture, source: 'day tables' | 'recount'): Promise<string[]> {
  const recount = `(SELECT * FROM whatsapp_report_expected_conversations())`;
  const openedRows =
    source === 'recount'
      ? `SELECT date_trunc('day', opened_at, 'UTC') AS day, account_id, coalesce(assignee_id, '') AS assignee_id, coalesce(first_responder_id, '') AS responder_id,
                count(*)::int AS conversations, count(*) FILTER (WHERE first_inbound_at IS NOT NULL AND first_response_at IS NULL)::int AS waiting,
                sum(sla_met)::int AS sla_met, sum(sla_breached)::int AS sla_breached, coalesce(string_agg(int4send(first_response_seconds), ''::bytea), ''::bytea) AS seconds
           FROM ${recount} f GROUP BY 1, 2, 3, 4`
      : `SELECT day, account_id, assignee_id, responder_id, conversations, waiting, sla_met, sla_breached, first_response_seconds AS seconds FROM whatsapp_report_opened_days`;
  const resolvedRows =
    source === 'recount'
      ? `SELECT date_trunc('day', resolved_at, 'UTC') AS day, account_id, coalesce(assignee_id, '') AS assignee_id, count(*)::int AS conversations,
                coalesce(string_agg(int4send(resolution_seconds), ''::bytea), ''::bytea) AS seconds
           FROM ${recount} f WHERE resolved_at IS NOT NULL GROUP BY 1, 2, 3`
      : `SELECT day, account_id, assignee_id, conversations, resolution_seconds AS seconds FROM whatsapp_report_resolved_days`;
  const db = f.context.dataSource;
  const text = (side: string, rows: Record<string, unknown>[]) =>
    rows.map((row) => `${side} ${JSON.stringify({ ...row, day: (row.day as Date).toISOString(), seconds: secondsIn(row.seconds as Buffer) })}`);
  return [...text('opened', await db.query(openedRows)), ...text('resolved', await db.query(resolvedRows))].sort();
}

describe('report rollups', function () {
  this.timeout(180_000);
  let f: WorkflowFixture;
  beforeEach(async () => {
    f = await startWorkflowFixture();
  });
  afterEach(async () => f.close());

  for (const seed of [1, 7, 2026]) {
    it(`equal a full recount after a random stream of events (seed ${seed})`, async () => {
      const next = random(seed);
      const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
      const db = f.context.dataSource;
      const agents: InboxActor[] = [await f.admin('manager'), await f.admin('manager'), await f.admin('agent', ['inbox.reply', 'inbox.view'])];
      const boss = agents[0]!;
      const customers = ['213556000001', '213556000002', '213556000003', '213556000004', '213556000005'];
      const conversations = async () => (await db.query(`SELECT id, status, labels FROM whatsapp_conversations ORDER BY created_at, id`)) as {
        id: string;
        status: string;
        labels: string[];
      }[];
      const customerMessages = async (conversationId: string) =>
        (await db.query(`SELECT id FROM whatsapp_messages WHERE conversation_id = $1 AND direction = 'inbound' ORDER BY created_at, id`, [conversationId])) as { id: string }[];
      const messages = async () => (await db.query(`SELECT id FROM whatsapp_messages WHERE direction = 'outbound' ORDER BY created_at, id`)) as { id: string }[];

      for (let step = 0; step < 160; step++) {
        const roll = next();
        const live = await conversations();
        const open = live.filter((c) => c.status !== 'resolved');
        if (roll < 0.3 || live.length === 0) {
          const from = pick(customers);
          const timestamp = Math.floor(Date.now() / 1000);
          // Now and then a `system` message (the number change Meta reports; to the same number here,
          // so the contact stays): stored, but not the customer talking.
          if (next() < 0.15) await deliver(f.context, buildDelivery('system', { from, newWaId: from, timestamp }));
          else await deliver(f.context, buildDelivery('text', { from, text: pick(['Bonjour', 'price?', 'Any news?', 'merci']), timestamp }));
        } else if (roll < 0.45 && open.length > 0) {
          const conversationId = pick(open).id;
          const actor = pick(agents.slice(0, 2));
          // An agent reacts to a customer's message instead of writing: a message, but no reply.
          const reactable = next() < 0.3 ? await customerMessages(conversationId) : [];
          if (reactable.length > 0) await reactToMessage(f.context, { conversationId, messageId: pick(reactable).id, emoji: '👍', actor }).catch(() => undefined);
          else await reply(f.context, { conversationId, text: 'On it', actor }).catch(() => undefined);
        } else if (roll < 0.52 && open.length > 0) {
          const conversationId = pick(open).id;
          await inTransaction(db, async (tx) =>
            queueOutboundMessage(f.context, tx, {
              target: await loadSendTarget(tx, conversationId),
              content: { type: 'text', text: { body: 'We are closed' } },
              body: 'We are closed',
              actorId: null,
              automation: pick(['away', 'auto_reply'] as const),
            }),
          );
        } else if (roll < 0.62) {
          await assignConversation(f.context, { conversationId: pick(live).id, assigneeId: pick(agents).id, actor: boss }).catch(() => undefined);
        } else if (roll < 0.66) {
          await unassignConversation(f.context, { conversationId: pick(live).id, actor: boss }).catch(() => undefined);
        } else if (roll < 0.73) {
          const conversation = pick(live);
          const labels = LABELS.filter(() => next() < 0.4);
          await db.query(`UPDATE whatsapp_conversations SET labels = $2 WHERE id = $1`, [conversation.id, labels]);
        } else if (roll < 0.8) {
          await resolveConversation(f.context, { conversationId: pick(live).id, actor: boss });
        } else if (roll < 0.84) {
          await reopenConversation(f.context, { conversationId: pick(live).id, actor: boss }).catch(() => undefined);
        } else if (roll < 0.86) {
          // Meta's pricing arrives with a status (or a rate card is uploaded again): the message is priced, or priced again.
          const outbound = await messages();
          if (outbound.length > 0) {
            const regular = next() < 0.6;
            await db.query(
              `UPDATE whatsapp_messages SET pricing_model = 'PMP', pricing_category = $2, pricing_type = $3, billable = $4, cost_micros = $5, cost_currency = $6,
                      sent_at = coalesce(sent_at, now()) WHERE id = $1`,
              [pick(outbound).id, pick(['service', 'marketing', 'utility']), regular ? 'regular' : 'free_customer_service', regular, regular ? pick([8000, 15000]) : 0, next() < 0.8 ? 'USD' : null],
            );
          }
        } else if (roll < 0.875) {
          // A click-to-WhatsApp ad brought the customer (the earliest referral is kept; a later one may replace it).
          await db.query(`UPDATE whatsapp_conversations SET referral = '{}', referral_source_id = $2, referral_at = clock_timestamp() WHERE id = $1`, [
            pick(live).id, pick(['120210000000001', '120210000000002']),
          ]);
        } else if (roll < 0.89) {
          const outbound = await messages();
          if (outbound.length > 0) {
            const failed = next() < 0.7;
            await db.query(
              `UPDATE whatsapp_messages SET status = $2::text, failed_at = CASE WHEN $2::text = 'failed' THEN now() END,
                      error_code = CASE WHEN $2::text = 'failed' THEN $3::int END, error_title = CASE WHEN $2::text = 'failed' THEN 'Re-engagement message' END
                WHERE id = $1`,
              [pick(outbound).id, failed ? 'failed' : 'sent', pick([131047, 131026])],
            );
          }
        } else if (roll < 0.93) {
          await db.query(
            `INSERT INTO whatsapp_satisfaction_surveys (conversation_id, agent_id, channel, rating, answered_at)
             VALUES ($1, $2, 'interactive', $3, clock_timestamp())`,
            [pick(live).id, pick(agents).id, 1 + Math.floor(next() * 5)],
          );
        } else if (roll < 0.97) {
          const conversationId = pick(live).id;
          const breached = next() < 0.5;
          await db.query(
            `WITH timer AS (
               INSERT INTO whatsapp_sla_timers (conversation_id, kind, started_at, due_at, stopped_at)
               SELECT $1, 'next_response', now(), now(), NULL WHERE NOT EXISTS (
                 SELECT 1 FROM whatsapp_sla_timers WHERE conversation_id = $1 AND kind = 'next_response' AND stopped_at IS NULL)
               RETURNING id)
             SELECT id FROM timer`,
            [conversationId],
          );
          await db.query(
            `UPDATE whatsapp_sla_timers SET ${breached ? 'breached_at' : 'stopped_at'} = now() WHERE conversation_id = $1 AND stopped_at IS NULL AND breached_at IS NULL`,
            [conversationId],
          );
        } else {
          await foldReportDeltas(db);
          await foldConversationDays(db);
        }
      }
      await expectRollupsEqualRecount(f, false);
      await foldReportDeltas(db);
      await foldConversationDays(db);
      // The stream exercised what the rollups count, so that the comparison means something.
      const [exercised] = await db.query(
        `SELECT (SELECT count(*) FROM whatsapp_report_conversations WHERE first_response_at IS NOT NULL)::int AS "firstResponses",
                (SELECT count(*) FROM whatsapp_report_conversations WHERE waiting_since IS NOT NULL)::int AS waiting,
                (SELECT coalesce(sum(responses), 0) FROM whatsapp_report_agent_hours)::int AS responses,
                (SELECT count(*) FROM whatsapp_report_hours WHERE label <> '')::int AS labelled,
                (SELECT count(*) FROM whatsapp_conversation_events WHERE kind = 'resolved')::int AS resolved,
                (SELECT count(*) FROM whatsapp_report_conversations WHERE csat_rating IS NOT NULL)::int AS rated,
                (SELECT count(*) FROM whatsapp_messages WHERE pricing_category IS NOT NULL)::int AS priced,
                (SELECT count(*) FROM whatsapp_conversations WHERE referral_source_id IS NOT NULL)::int AS referred,
                (SELECT count(*) FROM whatsapp_messages WHERE type = 'reaction' AND direction = 'outbound')::int AS reactions,
                (SELECT count(*) FROM whatsapp_messages WHERE type = 'system')::int AS "numberChanges"`,
      );
      for (const [what, n] of Object.entries(exercised as Record<string, number>)) expect(n, what).to.be.greaterThan(0);
      await expectRollupsEqualRecount(f, true);
      expect(
        await db.query(
          `SELECT (SELECT count(*) FROM whatsapp_report_hour_deltas)::int + (SELECT count(*) FROM whatsapp_report_cost_deltas)::int
                + (SELECT count(*) FROM whatsapp_report_message_deltas)::int AS n`,
        ),
      ).to.deep.equal([{ n: 0 }]);
    });
  }
});
