import { expect } from 'chai';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { SAMPLE_ACCOUNT, type WebhookDelivery } from '../../../src/sandbox/simulated-deliveries.js';
import { inTransaction } from '../../../src/db/transaction.js';
import { applyParkedUpdates } from '../../../src/statuses/apply-parked-updates.js';
import { processWebhookEvents } from '../../../src/inbound/process-webhook-event.js';
import { createTestPluginContext, type TestPluginContext } from '../../support/plugin-context.js';
import { storeDelivery } from './support/deliveries.js';

/*
 * Any duplication and reordering of a set of deliveries — processed a few at a time, as
 * concurrent workers would — ends in the same state as delivering each once, in order.
 * The set mixes inbound messages of several types, outbound messages (whose wamid the sending
 * side records at some point among the deliveries), their statuses (read/played/failed
 * included), reactions (some to messages never stored), edits and deletions (some by another
 * customer, who must not change the message), echoes of the business's own messages, and
 * marketing stop / resume.
 */

const CUSTOMERS = ['213555100001', '213555100002', '213661100003'];
const STATUSES = ['sent', 'delivered', 'read', 'played', 'failed'] as const;
const T0 = 1763712000;

interface Inbound { kind: 'inbound'; wamid: string; customer: number; type: 'text' | 'image' | 'location'; at: number; replyTo?: string }
interface Status { kind: 'status'; wamid: string; customer: number; status: (typeof STATUSES)[number]; at: number }
interface Reaction { kind: 'reaction'; wamid: string; customer: number; target: string; emoji: string; at: number }
/** The customer edits (or deletes) one of their messages; Meta's echo of a message the business sent from its phone; a marketing preference. */
interface Revision { kind: 'edit' | 'revoke'; wamid: string; customer: number; target: string; at: number }
interface Echo { kind: 'echo'; wamid: string; customer: number; at: number }
interface Preference { kind: 'preference'; wamid: string; customer: number; value: 'stop' | 'resume'; at: number }
type Item = Inbound | Status | Reaction | Revision | Echo | Preference;
/** The sending side records that its message `wamid` was accepted by Meta. */
interface Outbound { kind: 'outbound'; wamid: string; customer: number }

const scenarioArbitrary = fc
  .record({
    inbound: fc.array(fc.record({ customer: fc.nat(CUSTOMERS.length - 1), type: fc.constantFrom<Inbound['type'][]>('text', 'image', 'location'), reply: fc.boolean() }), { minLength: 1, maxLength: 7 }),
    outbound: fc.array(fc.record({ customer: fc.nat(CUSTOMERS.length - 1), recorded: fc.boolean(), statuses: fc.subarray([...STATUSES]) }), { maxLength: 3 }),
    reactions: fc.array(fc.record({ target: fc.nat(20), emoji: fc.constantFrom('👍', '❤️', '') }), { maxLength: 4 }),
    revisions: fc.array(fc.record({ target: fc.nat(20), kind: fc.constantFrom<Revision['kind'][]>('edit', 'revoke') }), { maxLength: 3 }),
    echoes: fc.array(fc.nat(CUSTOMERS.length - 1), { maxLength: 2 }),
    preferences: fc.array(fc.record({ customer: fc.nat(CUSTOMERS.length - 1), value: fc.constantFrom<Preference['value'][]>('stop', 'resume') }), { maxLength: 3 }),
  })
  .map(({ inbound, outbound, reactions, revisions, echoes, preferences }) => {
    const inboundItems: Inbound[] = inbound.map((m, i) => ({
      kind: 'inbound',
      wamid: `wamid.IN${i}`,
      customer: m.customer,
      type: m.type,
      at: T0 + i * 10,
      ...(m.reply && i > 0 ? { replyTo: `wamid.IN${i - 1}` } : {}),
    }));
    const outboundOps: Outbound[] = outbound.filter((o) => o.recorded).map((o, i) => ({ kind: 'outbound', wamid: `wamid.OUT${i}`, customer: o.customer }));
    const statusItems: Status[] = outbound.flatMap((o, i) =>
      o.statuses.map((status) => ({ kind: 'status' as const, wamid: `wamid.OUT${i}`, customer: o.customer, status, at: T0 + 500 + i * 10 + STATUSES.indexOf(status) })),
    );
    const targets = [...inboundItems.map((m) => m.wamid), ...outbound.map((_, i) => `wamid.OUT${i}`), 'wamid.NEVER-STORED'];
    const reactionItems: Reaction[] = reactions.map((r, i) => ({
      kind: 'reaction',
      wamid: `wamid.RE${i}`,
      customer: 0,
      target: targets[r.target % targets.length]!,
      emoji: r.emoji,
      at: T0 + 900 + i,
    }));
    const revisionItems: Revision[] = revisions.map((r, i) => {
      // Edits by the author of the target (and, when the target is another customer's, by customer 0: refused).
      const target = inboundItems[r.target % inboundItems.length]!;
      return { kind: r.kind, wamid: `wamid.RV${i}`, customer: r.target % 3 === 0 ? 0 : target.customer, target: target.wamid, at: T0 + 1000 + i };
    });
    const echoItems: Echo[] = echoes.map((customer, i) => ({ kind: 'echo', wamid: `wamid.EC${i}`, customer, at: T0 + 1100 + i }));
    const preferenceItems: Preference[] = preferences.map((p, i) => ({ kind: 'preference', wamid: `pref${i}`, customer: p.customer, value: p.value, at: T0 + 1200 + i }));
    return { items: [...inboundItems, ...statusItems, ...reactionItems, ...revisionItems, ...echoItems, ...preferenceItems] as Item[], outboundOps };
  });

function deliveryOf(items: readonly Item[]): WebhookDelivery {
  const senders = [...new Set(items.filter((i) => i.kind === 'inbound' || i.kind === 'reaction' || i.kind === 'edit' || i.kind === 'revoke').map((i) => i.customer))];
  const messages = items.flatMap((item): Record<string, unknown>[] => {
    const common = { from: CUSTOMERS[item.customer], id: item.wamid, timestamp: String(item.at) };
    if (item.kind === 'reaction') return [{ ...common, type: 'reaction', reaction: item.emoji ? { message_id: item.target, emoji: item.emoji } : { message_id: item.target } }];
    if (item.kind === 'edit') return [{ ...common, type: 'edit', edit: { original_message_id: item.target, message: { type: 'text', text: { body: `edited by ${item.wamid}` } } } }];
    if (item.kind === 'revoke') return [{ ...common, type: 'revoke', revoke: { original_message_id: item.target } }];
    if (item.kind !== 'inbound') return [];
    const context = item.replyTo ? { context: { from: SAMPLE_ACCOUNT.displayPhoneNumber, id: item.replyTo } } : {};
    if (item.type === 'text') return [{ ...common, ...context, type: 'text', text: { body: `message ${item.wamid}` } }];
    if (item.type === 'image') return [{ ...common, ...context, type: 'image', image: { id: `${item.at}`, mime_type: 'image/jpeg', sha256: 'c2hh' } }];
    return [{ ...common, ...context, type: 'location', location: { latitude: 36.75, longitude: 3.06, name: item.wamid } }];
  });
  const statuses = items.flatMap((item) =>
    item.kind !== 'status'
      ? []
      : [{
          id: item.wamid,
          status: item.status,
          timestamp: String(item.at),
          recipient_id: CUSTOMERS[item.customer],
          ...(item.status === 'failed' ? { errors: [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'not on WhatsApp' } }] } : {}),
        }],
  );
  const metadata = { display_phone_number: SAMPLE_ACCOUNT.displayPhoneNumber, phone_number_id: SAMPLE_ACCOUNT.phoneNumberId };
  const echoes = items.flatMap((item) =>
    item.kind === 'echo'
      ? [{ from: SAMPLE_ACCOUNT.displayPhoneNumber, to: CUSTOMERS[item.customer], id: item.wamid, timestamp: String(item.at), type: 'text', text: { body: `echo ${item.wamid}` } }]
      : [],
  );
  const preferences = items.flatMap((item) =>
    item.kind === 'preference' ? [{ wa_id: CUSTOMERS[item.customer], category: 'marketing_messages', value: item.value, timestamp: item.at }] : [],
  );
  const changes: WebhookDelivery['entry'][number]['changes'] = [];
  if (messages.length || statuses.length || (!echoes.length && !preferences.length)) {
    changes.push({
      field: 'messages',
      value: {
        messaging_product: 'whatsapp',
        metadata,
        ...(senders.length ? { contacts: senders.map((c) => ({ profile: { name: `Client ${c}` }, wa_id: CUSTOMERS[c] })) } : {}),
        ...(messages.length ? { messages } : {}),
        ...(statuses.length ? { statuses } : {}),
      },
    });
  }
  if (echoes.length) changes.push({ field: 'smb_message_echoes', value: { messaging_product: 'whatsapp', metadata, message_echoes: echoes } });
  if (preferences.length) changes.push({ field: 'user_preferences', value: { messaging_product: 'whatsapp', metadata, user_preferences: preferences } });
  return { object: 'whatsapp_business_account', entry: [{ id: SAMPLE_ACCOUNT.wabaId, changes }] };
}

type Step = { kind: 'delivery'; delivery: WebhookDelivery } | Outbound;

/**
 * Runs the steps in order on `lanes` concurrent lanes; a lane takes up to `perTransaction`
 * consecutive deliveries and processes them together, as a worker's transaction does.
 */
async function run(t: TestPluginContext, steps: readonly Step[], lanes: number, perTransaction: number): Promise<void> {
  const queue = [...steps];
  const lane = async () => {
    for (let step = queue.shift(); step; step = queue.shift()) {
      if (step.kind === 'outbound') {
        await recordOutbound(t.db.dataSource, step);
        continue;
      }
      const group = [step.delivery];
      while (group.length < perTransaction && queue[0]?.kind === 'delivery') group.push((queue.shift() as { delivery: WebhookDelivery }).delivery);
      const eventIds = [];
      for (const delivery of group) eventIds.push(await storeDelivery(t.context, delivery));
      const results = await processWebhookEvents(t.context, eventIds);
      for (const result of results.values()) if ('error' in result) throw result.error;
    }
  };
  await Promise.all(Array.from({ length: lanes }, lane));
}

/** As the sending side does: its message is in the customer's conversation; the wamid and what waited for it land together. */
async function recordOutbound(dataSource: DataSource, op: Outbound): Promise<void> {
  await inTransaction(dataSource, async (tx) => {
    const [conversation] = await tx.manager.query(
      `SELECT v.id FROM whatsapp_conversations v JOIN whatsapp_contacts c ON c.id = v.contact_id WHERE c.wa_id = $1`,
      [CUSTOMERS[op.customer]],
    );
    await tx.manager.query(
      `INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, status) VALUES ($1, $2, 'outbound', 'text', 'Réponse', 'sending')`,
      [conversation.id, op.wamid],
    );
    await applyParkedUpdates(tx.manager, op.wamid);
  });
}

/** Every customer already has a conversation (an agent wrote first), so the sending side always has one to write in. */
async function reset(t: TestPluginContext): Promise<void> {
  await t.db.dataSource.query(
    `TRUNCATE whatsapp_contacts, whatsapp_webhook_events, whatsapp_pending_statuses, whatsapp_message_reactions, whatsapp_message_revisions, whatsapp_leads CASCADE`,
  );
  const [account] = await t.db.dataSource.query(`SELECT id FROM whatsapp_accounts`);
  for (const [index, waId] of CUSTOMERS.entries()) {
    const [contact] = await t.db.dataSource.query(
      `INSERT INTO whatsapp_contacts (account_id, wa_id, phone_e164, profile_name) VALUES ($1, $2, $3, $4) RETURNING id`,
      [account.id, waId, `+${waId}`, `Client ${index}`],
    );
    await t.db.dataSource.query(`INSERT INTO whatsapp_conversations (account_id, contact_id) VALUES ($1, $2)`, [account.id, contact.id]);
  }
}

async function finalState(dataSource: DataSource) {
  const [messages, conversations, contacts, parked, events] = await Promise.all([
    dataSource.query(
      `SELECT m.wamid, m.direction, m.type, m.body, m.status, m.reply_to_wamid, m.received_at, m.sent_at, m.delivered_at, m.read_at, m.failed_at,
              m.origin, m.edited_at, m.edit_history, m.deleted_at,
              m.error_code, m.error_title, m.error_details, m.media_id,
              (SELECT jsonb_agg(jsonb_build_object('emoji', r->>'emoji', 'wamid', r->>'wamid') ORDER BY r->>'wamid') FROM jsonb_array_elements(m.reactions) r) AS reactions,
              c.wa_id AS customer
         FROM whatsapp_messages m JOIN whatsapp_conversations v ON v.id = m.conversation_id JOIN whatsapp_contacts c ON c.id = v.contact_id
        ORDER BY m.wamid`,
    ),
    dataSource.query(
      `SELECT c.wa_id, v.status, v.unread_count, v.last_message_at, v.last_inbound_at, v.intent
         FROM whatsapp_conversations v JOIN whatsapp_contacts c ON c.id = v.contact_id ORDER BY c.wa_id, v.created_at`,
    ),
    dataSource.query(`SELECT wa_id, phone_e164, profile_name, marketing_opted_out_at, marketing_consent_changed_at FROM whatsapp_contacts ORDER BY wa_id`),
    dataSource.query(`SELECT wamid, status, status_at FROM whatsapp_pending_statuses ORDER BY wamid, status`),
    dataSource.query(`SELECT status, count(*)::int AS n FROM whatsapp_webhook_events GROUP BY status`),
  ]);
  return { messages, conversations, contacts, parked, eventStatuses: events.map((e: { status: string }) => e.status) };
}

describe('processor: convergence (property)', function () {
  this.timeout(300_000);
  let reference: TestPluginContext;
  let subject: TestPluginContext;
  before(async () => {
    reference = await createTestPluginContext();
    subject = await createTestPluginContext();
  });
  after(async () => {
    await reference.close();
    await subject.close();
  });

  it('gives the in-order state for any duplication, grouping, reordering and concurrency of the deliveries', async () => {
    await fc.assert(
      fc.asyncProperty(
        scenarioArbitrary.chain((scenario) =>
          fc.record({
            scenario: fc.constant(scenario),
            groups: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: scenario.items.length, maxLength: scenario.items.length }),
            copies: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: scenario.items.length, maxLength: scenario.items.length }),
            order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: scenario.items.length * 3 + 3, maxLength: scenario.items.length * 3 + 3 }),
            concurrency: fc.integer({ min: 1, max: 4 }),
            perTransaction: fc.integer({ min: 1, max: 6 }),
          }),
        ),
        async ({ scenario, groups, copies, order, concurrency, perTransaction }) => {
          await Promise.all([reset(reference), reset(subject)]);

          // Reference: the sending side first, then each delivery once, in order, one at a time.
          await run(reference, [...scenario.outboundOps, ...scenario.items.map((item) => ({ kind: 'delivery' as const, delivery: deliveryOf([item]) }))], 1, 1);

          // Subject: items grouped into batched deliveries, each delivered 1–3 times, all shuffled, several per
          // transaction and several transactions at once.
          const deliveries: Step[] = [];
          for (let i = 0, g = 0; i < scenario.items.length; g++) {
            const group = scenario.items.slice(i, i + groups[g]!);
            i += group.length;
            for (let c = 0; c < copies[g]!; c++) deliveries.push({ kind: 'delivery', delivery: deliveryOf(group) });
          }
          const steps: Step[] = [...deliveries, ...scenario.outboundOps];
          const shuffled = steps.map((step, i) => ({ step, key: order[i] ?? 0 })).sort((a, b) => a.key - b.key).map((s) => s.step);
          await run(subject, shuffled, concurrency, perTransaction);

          const [expected, actual] = await Promise.all([finalState(reference.db.dataSource), finalState(subject.db.dataSource)]);
          expect(actual.eventStatuses).to.deep.equal(['processed']);
          if (process.env.FC_DEBUG) {
            for (const key of Object.keys(actual) as (keyof typeof actual)[]) {
              if (JSON.stringify(actual[key]) !== JSON.stringify(expected[key])) console.log('DIFF', key, JSON.stringify(actual[key]), '\nEXPECTED', JSON.stringify(expected[key]));
            }
          }
          expect({ ...actual, eventStatuses: [] }).to.deep.equal({ ...expected, eventStatuses: [] });
        },
      ),
      { numRuns: 50, ...(process.env.FC_SEED ? { seed: Number(process.env.FC_SEED), path: process.env.FC_PATH, endOnFailure: true } : {}) },
    );
  });
});
