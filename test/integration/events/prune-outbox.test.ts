import { expect } from 'chai';
import { pruneOutbox } from '../../../src/integrations/prune-outbox.js';
import { createTestPluginContext, type TestPluginContext } from '../../support/plugin-context.js';

describe('outbox retention', () => {
  let t: TestPluginContext;
  before(async () => {
    t = await createTestPluginContext();
  });
  after(async () => t.close());

  it('forgets events every consumer had, past the retention, and keeps what is still owed to anyone', async () => {
    const insert = (kind: string, age: string, handler: string, fanned: boolean) =>
      t.db.dataSource.query(
        `INSERT INTO whatsapp_outbox_events (kind, ordering_key, data, occurred_at, handler_status, fanned_out_at)
         VALUES ($1, 'k', '{}', now() - $2::interval, $3, CASE WHEN $4 THEN now() END) RETURNING id`,
        [kind, age, handler, fanned],
      );
    await insert('old.handled', '31 days', 'handled', true);
    await insert('old.pending', '31 days', 'pending', true);
    await insert('old.unfanned', '31 days', 'handled', false);
    const [{ id: owed }] = await insert('old.owed', '31 days', 'handled', true);
    await insert('recent', '1 day', 'handled', true);
    const [{ id: endpoint }] = await t.db.dataSource.query(
      `INSERT INTO whatsapp_webhook_endpoints (name, url, secret_encrypted) VALUES ('e', 'https://e.example', 'x') RETURNING id`,
    );
    await t.db.dataSource.query(`INSERT INTO whatsapp_webhook_deliveries (endpoint_id, event_id, event_kind) VALUES ($1, $2, 'old.owed')`, [endpoint, owed]);

    await pruneOutbox(t.context, 30);
    const kept = (await t.db.dataSource.query(`SELECT kind FROM whatsapp_outbox_events ORDER BY kind`)).map((row: { kind: string }) => row.kind);
    expect(kept).to.deep.equal(['old.owed', 'old.pending', 'old.unfanned', 'recent']);
  });
});
