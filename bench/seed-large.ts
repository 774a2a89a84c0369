/**
 * `npm run seed:large`: a busy inbox to measure on — 100,000 conversations and 2,000,000
 * messages with their contacts, three numbers, twelve agents with grants and a manager (see
 * bench/support/seed-inbox.ts for the shape and the invariants kept).
 *
 * Into DATABASE_URL, or the embedded PostgreSQL of `npm start` (.data/postgres). Refuses a
 * database that already holds a lot unless given --force. SEED_CONVERSATIONS and SEED_MESSAGES
 * change the size; the seeded users' password is SEED_PASSWORD (default below).
 */
import 'reflect-metadata';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { readEnvironment } from '../example/environment.js';
import { ensureFirstAdmin } from '../src/auth/first-admin.js';
import { hashPassword } from '../src/auth/password-hasher.js';
import { postgresDataSourceOptions } from '../src/db/data-source-options.js';
import { foldConversationDays } from '../src/reports/fold-conversation-days.js';
import { foldReportDeltas } from '../src/reports/fold-report-deltas.js';
import { openInboxDatabase } from './support/inbox-database.js';
import { duration, ProgressBar } from './support/progress-bar.js';
import { existingVolume, FULL_DATABASE, isFull, seedInbox, seedPassword } from './support/seed-inbox.js';

const CONVERSATIONS = Number(process.env.SEED_CONVERSATIONS ?? 100_000);
const MESSAGES = Number(process.env.SEED_MESSAGES ?? 2_000_000);
const FORCE = process.argv.slice(2).includes('--force');
const count = (n: number) => n.toLocaleString('en-US');

async function main(): Promise<number> {
  const started = Date.now();
  const database = await openInboxDatabase();
  const client = new pg.Client({ connectionString: database.url });
  try {
    console.error(`seed:large into ${database.where}`);
    const dataSource = new DataSource(postgresDataSourceOptions(database.url));
    await dataSource.initialize();
    try {
      await dataSource.runMigrations({ transaction: 'each' });
      await client.connect();
      const volume = await existingVolume(client);
      if (isFull(volume) && !FORCE) {
        console.error(
          `This database already holds ${count(volume.conversations)} conversations and ${count(volume.messages)} messages ` +
            `(the limit is ${count(FULL_DATABASE.conversations)} / ${count(FULL_DATABASE.messages)}). Run with --force to add ${count(CONVERSATIONS)} more.`,
        );
        return 1;
      }
      // Seeded agents would otherwise stop `npm start` from creating the first super-admin.
      const env = readEnvironment();
      const firstAdmin = await ensureFirstAdmin(dataSource, { email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD });
      if (firstAdmin.created) {
        console.error(`First admin: ${firstAdmin.email}${firstAdmin.generatedPassword ? `  password: ${firstAdmin.generatedPassword} (shown once)` : ''}`);
      }
    } finally {
      await dataSource.destroy();
    }

    const summary = await seedInbox(client, {
      conversations: CONVERSATIONS,
      messages: MESSAGES,
      passwordHash: await hashPassword(seedPassword()),
      progress: (label, total, unit) => new ProgressBar(label, total, unit),
    });
    const folding = Date.now();
    const folder = new DataSource(postgresDataSourceOptions(database.url));
    await folder.initialize();
    try {
      const deltas = await foldReportDeltas(folder);
      const days = await foldConversationDays(folder);
      console.error(`report rollups: ${count(deltas)} deltas folded, ${count(days)} days recomputed in ${duration((Date.now() - folding) / 1000)}`);
    } finally {
      await folder.destroy();
    }
    const analyzing = Date.now();
    await client.query(
      `VACUUM (ANALYZE) whatsapp_accounts, whatsapp_agents, whatsapp_admin_users, whatsapp_permission_grants, whatsapp_contacts, whatsapp_conversations,
                        whatsapp_messages, whatsapp_conversation_events, whatsapp_report_conversations, whatsapp_report_hours,
                        whatsapp_report_hour_deltas, whatsapp_report_number_hours, whatsapp_report_agent_hours, whatsapp_report_failures,
                        whatsapp_report_opened_days, whatsapp_report_resolved_days, whatsapp_report_stale_days`,
    );
    console.error(`VACUUM ANALYZE in ${duration((Date.now() - analyzing) / 1000)}`);

    const { rows } = await client.query(
      `SELECT status, count(*)::int AS n, count(*) FILTER (WHERE assignee_id IS NULL)::int AS unassigned
         FROM whatsapp_conversations WHERE account_id = ANY($1) GROUP BY status ORDER BY status`,
      [summary.accountIds],
    );
    console.log(
      `Seeded ${count(summary.contacts)} contacts, ${count(summary.conversations)} conversations ` +
        `(${rows.map((r) => `${count(r.n)} ${r.status}, ${count(r.unassigned)} of them unassigned`).join('; ')}) ` +
        `and ${count(summary.messages)} messages on 3 numbers, in ${duration((Date.now() - started) / 1000)} in total.`,
    );
    console.log(`Data: ${database.where}`);
    console.log(`Sign in as ${summary.managerEmail} (manager) or ${summary.agentEmails[0]} … ${summary.agentEmails.at(-1)} (agents), password "${seedPassword()}".`);
    return 0;
  } finally {
    await client.end().catch(() => undefined);
    await database.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
