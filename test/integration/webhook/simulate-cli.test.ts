import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect } from 'chai';
import express from 'express';
import { resolveSimulatorSettings } from '../../../example/simulate/simulator-settings.js';
import { createWebhookRouter } from '../../../src/inbound/webhook/create-webhook-router.js';
import { TEST_ACCOUNT, createTestPluginContext, type TestPluginContext } from '../../support/plugin-context.js';

const run = promisify(execFile);

describe('simulator settings', () => {
  let dataDir: string;
  before(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'awp-sim-'));
    await writeFile(
      path.join(dataDir, 'sandbox-account.json'),
      JSON.stringify({ phoneNumberId: '111', wabaId: '222', displayPhoneNumber: '213770000000', appSecret: 'from-file', verifyToken: 'v' }),
    );
  });
  after(() => rm(dataDir, { recursive: true, force: true }));

  it('signs with the sandbox account the running app wrote into its data directory', async () => {
    const settings = await resolveSimulatorSettings({}, { DATA_DIR: dataDir });
    expect(settings).to.include({ appSecret: 'from-file', phoneNumberId: '111', wabaId: '222', displayPhoneNumber: '213770000000' });
  });

  it('prefers WHATSAPP_APP_SECRET and the WHATSAPP_* number to the file, and options to both', async () => {
    const env = { DATA_DIR: dataDir, WHATSAPP_APP_SECRET: 'from-env', WHATSAPP_PHONE_NUMBER_ID: '333' };
    expect(await resolveSimulatorSettings({}, env)).to.include({ appSecret: 'from-env', phoneNumberId: '333' });
    expect(await resolveSimulatorSettings({ secret: 'from-option', phoneNumberId: '444' }, env)).to.include({
      appSecret: 'from-option',
      phoneNumberId: '444',
    });
  });

  it('says how to get a secret when there is none', async () => {
    const empty = path.join(dataDir, 'nothing-here');
    let error: unknown;
    await resolveSimulatorSettings({}, { DATA_DIR: empty }).catch((e: unknown) => (error = e));
    expect(String(error)).to.match(/npm start/).and.to.match(/--secret/);
  });
});

describe('npm run simulate', function () {
  this.timeout(60_000);

  let harness: TestPluginContext;
  let server: Server;
  let url: string;
  let dataDir: string;

  before(async () => {
    harness = await createTestPluginContext();
    const app = express();
    app.use('/webhooks/whatsapp', createWebhookRouter(harness.context));
    server = app.listen(0, '127.0.0.1');
    await new Promise((resolve) => server.once('listening', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/whatsapp`;
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'awp-sim-'));
    await writeFile(path.join(dataDir, 'sandbox-account.json'), JSON.stringify(TEST_ACCOUNT));
  });

  after(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await harness?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const simulate = (...args: string[]) => {
    const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir };
    delete env.WHATSAPP_APP_SECRET;
    delete env.WHATSAPP_PHONE_NUMBER_ID;
    return run(process.execPath, ['--import', 'tsx', 'example/simulate/simulate.ts', ...args, '--url', url], { env });
  };
  const storedBodies = async (): Promise<string[]> =>
    (await harness.db.dataSource.query('SELECT raw_body FROM whatsapp_webhook_events ORDER BY received_at')).map((row: { raw_body: string }) => row.raw_body);

  it('posts signed deliveries the route accepts, and prints what it sent and the answer', async () => {
    const { stdout } = await simulate('text', '--text', 'Salam, je veux inscrire ma fille', '--from', '213661987654', '--count', '2');
    expect(stdout).to.match(/text wamid\.\S+ from 213661987654/).and.to.contain('→ 200');
    const bodies = await storedBodies();
    expect(bodies).to.have.length(2);
    expect(JSON.parse(bodies[0]!).entry[0].changes[0].value.messages[0].text.body).to.equal('Salam, je veux inscrire ma fille');
  });

  it('sends Meta’s \\u escapes when asked, and the route verifies and stores those exact bytes', async () => {
    await harness.db.dataSource.query('DELETE FROM whatsapp_webhook_events');
    const { stdout } = await simulate('batched', '--escape-unicode');
    expect(stdout).to.contain('→ 200');
    const [body] = await storedBodies();
    expect(body).to.match(/\\u00e9/);
    expect(/^[\x20-\x7e]*$/.test(body!)).to.equal(true);
  });

  it('fails with the HTTP status when the secret is wrong', async () => {
    let error: { code?: number; stdout?: string } | undefined;
    await simulate('status', '--status', 'read', '--wamid', 'wamid.OUT', '--secret', 'wrong').catch((e: unknown) => (error = e as typeof error));
    expect(error?.code).to.equal(1);
    expect(error?.stdout).to.contain('status read of wamid.OUT').and.to.contain('→ 401');
  });

  it('refuses an unknown kind with the list of kinds', async () => {
    let error: { code?: number; stderr?: string } | undefined;
    await simulate('telegram').catch((e: unknown) => (error = e as typeof error));
    expect(error?.code).to.equal(2);
    expect(error?.stderr).to.contain('unknown kind "telegram"').and.to.contain('request-welcome');
  });
});
