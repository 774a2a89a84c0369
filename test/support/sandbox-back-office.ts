import { asConfiguredAccount, newSandboxAccount, type SandboxAccount } from '../../example/sandbox-account.js';
import { prepareSandbox } from '../../example/sandbox-mode.js';
import { buildDelivery, type DeliveryOptions, type SimulationKind } from '../../src/sandbox/simulated-deliveries.js';
import { postDelivery } from '../../src/sandbox/webhook-simulator.js';
import type { SandboxGraphApi } from '../../src/sandbox/start-sandbox-graph-api.js';
import type { BackOfficeSettings } from '../../example/create-back-office.js';
import { startTestBackOffice, type RunningBackOffice } from './test-back-office.js';

export interface SandboxBackOffice extends RunningBackOffice {
  sandbox: SandboxGraphApi;
  account: SandboxAccount;
  /** Posts a signed delivery as Meta would (what `npm run simulate` does). */
  deliver(kind: SimulationKind, options?: DeliveryOptions): Promise<Response>;
}

/**
 * What `npm start` runs on a fresh machine, in-process: the back office, its worker, and the
 * sandbox Graph API sending status webhooks back, for end-to-end and browser tests.
 */
export async function startSandboxBackOffice(settings: Partial<BackOfficeSettings> = {}): Promise<SandboxBackOffice> {
  const account = newSandboxAccount();
  const mode = await prepareSandbox(account);
  const office = await startTestBackOffice({ accounts: [asConfiguredAccount(account)], graphUrl: mode.graphUrl, ...settings });
  await office.plugin.worker.start();
  const sandbox = await mode.start(`${office.baseUrl}/webhooks/whatsapp`);
  return {
    ...office,
    sandbox,
    account,
    deliver: (kind, options = {}) => postDelivery(buildDelivery(kind, options), { url: `${office.baseUrl}/webhooks/whatsapp`, appSecret: account.appSecret }),
    async stop() {
      await sandbox.close();
      await office.stop();
    },
  };
}
