import { expect } from 'chai';
import { randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../../migrations/index.js';
import { searchInbox } from '../../../src/conversations/read/inbox-search.js';
import { postgresDataSourceOptions } from '../../../src/db/data-source-options.js';
import { runPluginMigrations } from '../../../src/db/run-plugin-migrations.js';
import { searchCapabilities } from '../../../src/db/search-capabilities.js';
import { snapshotOf } from '../../../src/permissions/permission-snapshot.js';
import { adminQuery, databaseUrl } from '../../support/test-database.js';

/**
 * A host whose PostgreSQL refuses the extensions (here: a role that may not create them): the
 * migrations still succeed, search still folds French accents and Arabic letter forms (built-in
 * tables instead of unaccent), and reads without a trigram index.
 */
describe('search on a PostgreSQL without unaccent and pg_trgm', function () {
  this.timeout(60_000);
  const tag = randomBytes(4).toString('hex');
  const role = `awp_noext_${tag}`;
  const database = `awp_noext_${tag}`;
  let dataSource: DataSource;

  before(async () => {
    await adminQuery(`CREATE ROLE ${role} LOGIN PASSWORD '${role}'`);
    await adminQuery(`CREATE DATABASE ${database}`);
    const url = new URL(databaseUrl(database));
    // As the database's superuser: the schema is the role's to fill, but the database is not his, so no extension.
    const owner = new DataSource(postgresDataSourceOptions(url.toString()));
    await owner.initialize();
    await owner.query(`GRANT USAGE, CREATE ON SCHEMA public TO ${role}`);
    await owner.destroy();
    url.username = role;
    url.password = role;
    dataSource = new DataSource(postgresDataSourceOptions(url.toString()));
    await dataSource.initialize();
  });
  after(async () => {
    await dataSource?.destroy();
    await adminQuery(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await adminQuery(`DROP ROLE IF EXISTS ${role}`);
  });

  it('migrates with a warning, folds accents and Arabic forms by itself, and finds messages without an index', async () => {
    await runPluginMigrations(dataSource, MIGRATIONS);
    const extensions = await dataSource.query(`SELECT extname FROM pg_extension WHERE extname IN ('unaccent', 'pg_trgm')`);
    expect(extensions).to.deep.equal([]);
    const indexes = await dataSource.query(`SELECT indexname FROM pg_indexes WHERE indexname IN ('ix_whatsapp_messages_search', 'ix_whatsapp_contacts_search')`);
    expect(indexes).to.deep.equal([]);
    expect(await searchCapabilities(dataSource)).to.deep.equal({ unaccent: false, trigramIndexes: false });
    const [{ folded }] = await dataSource.query(`SELECT whatsapp_search_text($1) AS folded`, ['École PRIVÉE à Oran — أسعار']);
    expect(folded).to.equal('ecole privee a oran - اسعار');

    const [account] = await dataSource.query(`INSERT INTO whatsapp_accounts (phone_number_id, waba_id, name) VALUES ('1', '2', 'A') RETURNING id`);
    const [contact] = await dataSource.query(`INSERT INTO whatsapp_contacts (account_id, wa_id, profile_name) VALUES ($1, '213555000001', 'Amina') RETURNING id`, [account.id]);
    const [conversation] = await dataSource.query(`INSERT INTO whatsapp_conversations (account_id, contact_id) VALUES ($1, $2) RETURNING id`, [account.id, contact.id]);
    await dataSource.query(`INSERT INTO whatsapp_messages (conversation_id, direction, type, body, status) VALUES ($1, 'inbound', 'text', 'Une école privée', 'received')`, [conversation.id]);
    const manager = { id: 'm', role: 'manager', permissions: snapshotOf('manager', []) };
    const answer = await searchInbox(dataSource, manager, { query: 'ecole', defaultRegion: 'DZ' });
    expect(answer.messages.map((hit) => hit.snippet.filter((part) => part.hit).map((part) => part.text))).to.deep.equal([['école']]);
  });
});
