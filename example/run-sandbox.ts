import { consoleLogger } from 'adminjs-whatsapp';
import { runProcess } from './run-process.js';
import { SAMPLE_TEMPLATES, startSandboxGraphApi } from 'adminjs-whatsapp/sandbox';

/**
 * `npm run sandbox`: the sandbox Graph API on its own, for trying the client or another app
 * against it. `npm start` runs one by itself when no Meta token is configured.
 *
 * SANDBOX_PORT (default 4010), SANDBOX_WEBHOOK_URL and SANDBOX_APP_SECRET (status webhooks),
 * SANDBOX_ACCESS_TOKEN (only this token accepted), SANDBOX_WABA_ID (gets the sample
 * templates), SANDBOX_THROUGHPUT_PER_SECOND (Meta's cap: 80).
 */
runProcess('sandbox', async (log, onStop) => {
  const env = process.env;
  const cap = env.SANDBOX_THROUGHPUT_PER_SECOND ? Number(env.SANDBOX_THROUGHPUT_PER_SECOND) : null;
  const sandbox = await startSandboxGraphApi({
    port: env.SANDBOX_PORT ? Number(env.SANDBOX_PORT) : 4010,
    webhookUrl: env.SANDBOX_WEBHOOK_URL || null,
    appSecret: env.SANDBOX_APP_SECRET || null,
    accessToken: env.SANDBOX_ACCESS_TOKEN || null,
    throughputPerSecond: cap !== null && Number.isFinite(cap) && cap > 0 ? cap : null,
    templates: { [env.SANDBOX_WABA_ID || '104729381102938']: [...SAMPLE_TEMPLATES] },
    templateReviewMs: 5000,
    logger: consoleLogger('sandbox'),
  });
  onStop(() => sandbox.close());
  log.info(`Graph API stand-in: WHATSAPP_GRAPH_URL=${sandbox.url}   control: ${sandbox.url}/__sandbox/log`);
});
