import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sweepCampaigns } from '../../../src/campaigns/campaign-sweep.js';
import { importBroadcastCsv } from '../../../src/campaigns/import-broadcast-csv.js';
import { launchBroadcast } from '../../../src/campaigns/launch-broadcast.js';
import { loadBroadcastProgress } from '../../../src/campaigns/read/broadcast-progress.js';
import { saveBroadcast } from '../../../src/campaigns/save-broadcast.js';
import { reconcileUnknownMessages } from '../../../src/delivery/reconcile-unknown-messages.js';
import { waitFor } from '../outbound/support/wait-for.js';
import { stopProcess } from '../outbound/support/worker-processes.js';
import { PROMO, startCampaignHarness, type CampaignHarness } from './support/campaign-harness.js';

const SCRIPT = path.join(path.dirname(fileURLToPath(import.meta.url)), 'support', 'campaign-worker-process.ts');
const RECIPIENTS = 300;

describe('broadcasts: exactly one message per recipient when a worker is killed with SIGKILL mid-broadcast', function () {
  this.timeout(240_000);
  let h: CampaignHarness;
  const children: ChildProcess[] = [];
  afterEach(async () => {
    for (const child of children.splice(0)) await stopProcess(child, 'SIGKILL');
    await h.close();
  });

  async function startWorker(): Promise<ChildProcess> {
    const child = spawn(process.execPath, ['--import', 'tsx', SCRIPT], {
      env: { ...process.env, DATABASE_URL: h.db.url, GRAPH_URL: h.sandbox.url, ENCRYPTION_KEY: h.encryptionKey },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    children.push(child);
    child.stdout!.setEncoding('utf8');
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: string) => chunk.includes('ready') && resolve());
      child.once('exit', (code) => reject(new Error(`campaign worker exited (${code}) before it was ready`)));
    });
    return child;
  }

  it('sends the rest once after a restart: no recipient twice, none forgotten', async () => {
    // Status webhooks flow back (a send whose answer the killed worker never read is recognised by them, not resent).
    h = await startCampaignHarness({ webhooks: true });
    const promo = await h.template(PROMO);
    const id = await saveBroadcast(h.context, null, {
      accountId: h.accountId, name: 'Crash', templateId: promo, audience: null, messagesPerSecond: 40, useMarketingApi: false, scheduledAt: null,
      parameters: { 'body:1': { source: 'column', column: 'prenom' }, 'body:2': { source: 'text', text: 'les cartables' } },
    });
    const rows = Array.from({ length: RECIPIENTS }, (_, i) => `+21366${String(i).padStart(7, '0')},Client ${i}`);
    await importBroadcastCsv(h.context, null, id, h.csv(`phone,prenom\n${rows.join('\n')}\n`), 'r.csv');
    const accepted = () => h.sandbox.log.acceptedMessages();

    const first = await startWorker();
    await launchBroadcast(h.context, null, id);
    await waitFor('a third of the broadcast to reach the sandbox', async () => accepted().length >= RECIPIENTS / 3, 120_000, 50);
    await stopProcess(first, 'SIGKILL');
    const atKill = accepted().length;

    await startWorker();
    // What the dead worker held comes back: its feeder (the sweep feeds a silent broadcast again),
    // its sends in flight (marked unknown, then settled by their status webhooks or sent once),
    // and its claimed jobs (queued messages given new jobs).
    const later = (ms: number) => ({ ...h.context, clock: { now: () => new Date(Date.now() + ms) } });
    await sweepCampaigns(later(10 * 60_000));
    await reconcileUnknownMessages(later(h.settings.stuckSendingAfterMs + 1_000), h.settings);
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await reconcileUnknownMessages(later(h.settings.stuckQueuedAfterMs + h.settings.reconcileAfterMs + 1_000), h.settings);
    await waitFor(
      'the broadcast to complete',
      async () => {
        const progress = (await loadBroadcastProgress(h.db.dataSource, id))!;
        return progress.status === 'completed' && progress.queued === 0;
      },
      180_000,
      250,
    );

    const sentTo = accepted().map((entry) => (entry.body as { to: string }).to);
    expect(atKill).to.be.below(RECIPIENTS);
    expect(new Set(sentTo).size, 'no recipient got two messages').to.equal(sentTo.length);
    expect(sentTo).to.have.length(RECIPIENTS);
    const recipients = await h.recipients(id);
    expect(recipients.every((r) => r.state === 'queued' && r.message_id)).to.equal(true);
  });
});
