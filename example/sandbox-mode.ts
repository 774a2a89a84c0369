import { SAMPLE_TEMPLATES, startSandboxGraphApi, type SandboxGraphApi } from 'adminjs-whatsapp/sandbox';
import { freePort } from './free-port.js';
import type { SandboxAccount } from './sandbox-account.js';

/** The simulated Meta of a new install: where the plugin's Graph calls go, started once the app listens. */
export interface SandboxMode {
  graphUrl: string;
  /** Starts answering; status webhooks go to the app's webhook route, signed with the sandbox account's secret. */
  start(webhookUrl: string): Promise<SandboxGraphApi>;
}

export async function prepareSandbox(account: SandboxAccount, preferredPort?: number): Promise<SandboxMode> {
  const port = await freePort(preferredPort);
  return {
    graphUrl: `http://127.0.0.1:${port}`,
    start: (webhookUrl) =>
      startSandboxGraphApi({
        port,
        webhookUrl,
        appSecret: account.appSecret,
        numbers: [{ phoneNumberId: account.phoneNumberId, wabaId: account.wabaId, displayPhoneNumber: account.displayPhoneNumber }],
        templates: { [account.wabaId]: [...SAMPLE_TEMPLATES] },
        // A human is watching: statuses arrive at a pace one can see.
        statusDelaysMs: { sent: 500, delivered: 1500, read: 4000 },
        templateReviewMs: 5000,
      }),
  };
}
