import { expect } from 'chai';
import { NOT_TALKING_TYPES } from '../../../src/domain/talking-messages.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

const TALKING_TYPES = ['text', 'image', 'audio', 'document', 'sticker', 'location', 'contacts', 'interactive', 'button', 'order', 'template', 'request_welcome'];

describe('messages that talk (migration 1600)', function () {
  this.timeout(60_000);
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterEach(async () => db.drop());

  it('holds the same rule in SQL as the processor’s list, and leaves imported history out', async () => {
    await db.dataSource.runMigrations();
    const types = [...NOT_TALKING_TYPES, ...TALKING_TYPES];
    const rows = (await db.dataSource.query(
      `SELECT t AS type, whatsapp_message_talks(t, NULL) AS live, whatsapp_message_talks(t, 'business_app') AS echo, whatsapp_message_talks(t, 'history') AS history
         FROM unnest($1::text[]) AS t`,
      [types],
    )) as { type: string; live: boolean; echo: boolean; history: boolean }[];
    for (const row of rows) {
      const talks = !NOT_TALKING_TYPES.has(row.type);
      expect(row, row.type).to.deep.equal({ type: row.type, live: talks, echo: talks, history: false });
    }
  });

  it('recounts an install’s rollups without the reactions and number changes counted before', async () => {
    const applied = await db.dataSource.runMigrations();
    // Back to the install before migration 1600, whatever came after it.
    const from = applied.findIndex((m) => m.name === 'MessagesThatTalk1763700001600');
    expect(from).to.be.at.least(0);
    for (let undone = from; undone < applied.length; undone++) await db.dataSource.undoLastMigration();
    const q = db.dataSource.query.bind(db.dataSource);
    // As migration 1300 counted them: the agent's 👍 was a reply and a response, the number change a customer message.
    const [account] = await q(`INSERT INTO whatsapp_accounts (phone_number_id, waba_id, display_phone_number, name) VALUES ('1600', '1600', '213770001600', 'Talk') RETURNING id`);
    const [contact] = await q(`INSERT INTO whatsapp_contacts (account_id, wa_id, phone_e164) VALUES ($1, '213556160000', '+213556160000') RETURNING id`, [account.id]);
    const [conversation] = await q(
      `INSERT INTO whatsapp_conversations (account_id, contact_id, status, created_at) VALUES ($1, $2, 'open', '2026-03-10T09:00:00Z') RETURNING id`,
      [account.id, contact.id],
    );
    for (const [n, direction, type, at] of [
      [1, 'inbound', 'text', '2026-03-10T09:00:00Z'],
      [2, 'outbound', 'reaction', '2026-03-10T09:05:00Z'],
      [3, 'inbound', 'system', '2026-03-10T09:06:00Z'],
    ] as const) {
      await q(
        `INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, status, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $6)`,
        [conversation.id, `wamid.talk.${n}`, direction, type, direction === 'inbound' ? 'received' : 'sent', at],
      );
    }
    const figures = async () =>
      (
        await q(
          `SELECT (SELECT sum(inbound)::int FROM whatsapp_report_hour_deltas WHERE label = '') AS inbound,
                  (SELECT sum(human_replies)::int FROM whatsapp_report_hour_deltas WHERE label = '') AS "humanReplies",
                  (SELECT count(*)::int FROM whatsapp_report_message_deltas) AS "messageDeltas",
                  (SELECT sum(inbound)::int FROM whatsapp_report_hours WHERE label = '') AS "foldedInbound",
                  (SELECT sum(human_replies)::int FROM whatsapp_report_hours WHERE label = '') AS "foldedHumanReplies"`,
        )
      )[0];
    expect(await figures()).to.deep.equal({ inbound: 2, humanReplies: 1, messageDeltas: 3, foldedInbound: null, foldedHumanReplies: null });

    await db.dataSource.runMigrations();
    expect(await figures()).to.deep.equal({ inbound: null, humanReplies: null, messageDeltas: 0, foldedInbound: 1, foldedHumanReplies: 0 });
    const [facts] = await q(
      `SELECT first_inbound_at AS "firstInboundAt", waiting_since AS "waitingSince", first_response_at AS "firstResponseAt" FROM whatsapp_report_conversations`,
    );
    const question = new Date('2026-03-10T09:00:00Z');
    expect(facts).to.deep.equal({ firstInboundAt: question, waitingSince: question, firstResponseAt: null });
    expect(await q(`SELECT * FROM whatsapp_report_agent_hours`)).to.deep.equal([]);
  });
});
