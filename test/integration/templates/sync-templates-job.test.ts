import { expect } from 'chai';
import { QUEUES } from '../../../src/db/job-queues.js';
import {
  DEFAULT_TEMPLATE_SYNC_CRON,
  registerSyncTemplatesWorker,
  syncTemplatesJob,
  type SyncTemplatesJobContext,
} from '../../../src/jobs/sync-templates.job.js';
import { TEST_ACCOUNT } from '../../support/plugin-context.js';
import { ACCESS_TOKEN, seedTemplate, startTemplatesHarness, WABA_ID, type TemplatesHarness } from './support/templates-harness.js';

const WITHOUT_TOKEN = { phoneNumberId: '118237465540913', wabaId: '104729381102939' };
const INACTIVE = { phoneNumberId: '118237465540914', wabaId: '104729381102940', accessToken: ACCESS_TOKEN };

describe('templates: the scheduled sync', function () {
  this.timeout(30_000);
  let h: TemplatesHarness;
  let context: SyncTemplatesJobContext;

  beforeEach(async () => {
    h = await startTemplatesHarness({ accounts: [{ ...TEST_ACCOUNT, accessToken: ACCESS_TOKEN }, WITHOUT_TOKEN, INACTIVE] });
    await h.db.dataSource.query(`UPDATE whatsapp_accounts SET status = 'inactive' WHERE phone_number_id = $1`, [INACTIVE.phoneNumberId]);
    context = { ...h.templates, jobs: h.jobs };
  });
  afterEach(() => h.close());

  const queuedSyncs = async () =>
    (await h.db.dataSource.query(
      `SELECT data->>'accountId' AS "accountId", singleton_key AS key FROM whatsapp_jobs.job WHERE name = $1 AND state = 'created' ORDER BY created_on`,
      [QUEUES.syncTemplates],
    )) as { accountId: string | null; key: string }[];

  it('queues one sync per active number with an access token, and never a second one while it waits', async () => {
    const sweep = await syncTemplatesJob(context, {});

    expect(sweep).to.deep.equal({ kind: 'sweep', queued: [h.accountId] });
    expect(await queuedSyncs()).to.deep.equal([{ accountId: h.accountId, key: `account:${h.accountId}` }]);

    expect(await syncTemplatesJob(context, {})).to.deep.equal({ kind: 'sweep', queued: [] });
    expect(await queuedSyncs()).to.have.length(1);
  });

  it('syncs the number a job names, and skips without retrying a number that cannot call Meta', async () => {
    h.sandbox.templates.seed(WABA_ID, [seedTemplate('a_un'), seedTemplate('b_deux')]);

    const synced = await syncTemplatesJob(context, { accountId: h.accountId });
    expect(synced).to.deep.include({ kind: 'synced' });
    expect(synced.kind === 'synced' && synced.report).to.include({ created: 2 });

    const [{ id: withoutToken }] = await h.db.dataSource.query(`SELECT id FROM whatsapp_accounts WHERE phone_number_id = $1`, [WITHOUT_TOKEN.phoneNumberId]);
    expect(await syncTemplatesJob(context, { accountId: withoutToken })).to.deep.equal({
      kind: 'skipped',
      accountId: withoutToken,
      reason: 'templates.account.hasNoToken',
    });
  });

  it('throws for the queue’s retries when Meta cannot be reached', async () => {
    h.sandbox.faults.add({ endpoint: 'templates-list', times: 1, action: { type: 'http', status: 503 } });
    const error = await syncTemplatesJob(context, { accountId: h.accountId }).catch((e: unknown) => e);
    expect(error).to.be.instanceOf(Error).and.have.property('name', 'GraphApiError');
  });

  it('schedules the sweep every 6 hours by default, runs one at start, and the worker syncs each number it queues', async () => {
    h.sandbox.templates.seed(WABA_ID, [seedTemplate('a_un'), seedTemplate('b_deux'), seedTemplate('c_trois')]);

    await registerSyncTemplatesWorker(context, { pollingIntervalSeconds: 0.5 });
    const [schedule] = await h.db.dataSource.query(`SELECT cron FROM whatsapp_jobs.schedule WHERE name = $1`, [QUEUES.syncTemplates]);
    expect(schedule.cron).to.equal(DEFAULT_TEMPLATE_SYNC_CRON);

    const deadline = Date.now() + 15_000;
    let count = 0;
    while (count < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      [{ count }] = await h.db.dataSource.query(`SELECT count(*)::int AS count FROM whatsapp_templates WHERE account_id = $1`, [h.accountId]);
    }
    expect(count).to.equal(3);
    await h.jobs.offWork(QUEUES.syncTemplates);
  });

  it('takes its schedule from the option, and removes it when the option is null', async () => {
    await registerSyncTemplatesWorker(context, { cron: '*/30 * * * *', syncOnStart: false });
    await h.jobs.offWork(QUEUES.syncTemplates);
    expect(await h.db.dataSource.query(`SELECT cron FROM whatsapp_jobs.schedule WHERE name = $1`, [QUEUES.syncTemplates])).to.deep.equal([{ cron: '*/30 * * * *' }]);

    await registerSyncTemplatesWorker(context, { cron: null, syncOnStart: false });
    await h.jobs.offWork(QUEUES.syncTemplates);
    expect(await h.db.dataSource.query(`SELECT cron FROM whatsapp_jobs.schedule WHERE name = $1`, [QUEUES.syncTemplates])).to.deep.equal([]);
    expect(await queuedSyncs()).to.deep.equal([]);
  });
});
