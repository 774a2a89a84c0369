import { expect } from 'chai';
import { DataSource } from 'typeorm';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

async function tableNames(dataSource: DataSource): Promise<string[]> {
  const rows: { table_name: string }[] = await dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'whatsapp_migrations' ORDER BY 1`,
  );
  return rows.map((row) => row.table_name);
}

describe('migrations', () => {
  let db: TestDatabase;
  beforeEach(async () => {
    db = await createTestDatabase({ empty: true });
  });
  afterEach(async () => db.drop());

  it('create every table of the data model, and the entities match them exactly', async () => {
    await db.dataSource.runMigrations();
    // These names are a contract other tools rely on; every one is the plugin's (whatsapp_…).
    expect(await tableNames(db.dataSource)).to.include.members([
      'whatsapp_login_attempts', 'whatsapp_sessions', 'whatsapp_admin_users', 'whatsapp_agents', 'whatsapp_leads', 'whatsapp_accounts', 'whatsapp_contacts',
      'whatsapp_conversation_events', 'whatsapp_conversations', 'whatsapp_messages', 'whatsapp_permission_grants',
      'whatsapp_templates', 'whatsapp_webhook_events',
    ]);
    // What `migration:generate` would write: nothing, or the entities and the SQL have drifted.
    const pending = await db.dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).to.deep.equal([]);
  });

  it('revert every migration down to an empty schema, and run up again', async () => {
    const applied = await db.dataSource.runMigrations();
    for (let i = 0; i < applied.length; i++) await db.dataSource.undoLastMigration();
    expect(await tableNames(db.dataSource)).to.deep.equal([]);
    const again = await db.dataSource.runMigrations();
    expect(again.map((m) => m.name)).to.deep.equal(applied.map((m) => m.name));
  });

  it('let the database refuse a second live conversation for one contact', async () => {
    await db.dataSource.runMigrations();
    const [account] = await db.dataSource.query(
      `INSERT INTO whatsapp_accounts (phone_number_id, waba_id, name) VALUES ('1', '2', 'n') RETURNING id`,
    );
    const [contact] = await db.dataSource.query(
      `INSERT INTO whatsapp_contacts (account_id, wa_id) VALUES ($1, '213555123456') RETURNING id`,
      [account.id],
    );
    const insert = (status: string) =>
      db.dataSource.query(`INSERT INTO whatsapp_conversations (account_id, contact_id, status) VALUES ($1, $2, $3)`, [
        account.id, contact.id, status,
      ]);
    await insert('resolved');
    await insert('resolved');
    await insert('open');
    let error: unknown;
    await insert('pending').catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/uq_whatsapp_conversations_live_per_contact/);
  });
});

