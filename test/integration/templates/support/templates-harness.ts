import { createGraphApiClient, type GraphApiClientOptions } from '../../../../src/cloud-api/index.js';
import type { ConfiguredAccount } from '../../../../src/plugin-options.js';
import type { SeedTemplate } from '../../../../src/sandbox/sandbox-template-store.js';
import { startSandboxGraphApi, type SandboxGraphApi, type SandboxGraphApiOptions } from '../../../../src/sandbox/start-sandbox-graph-api.js';
import type { TemplateContext } from '../../../../src/templates/template-context.js';
import { createTestPluginContext, TEST_ACCOUNT, type TestPluginContext } from '../../../support/plugin-context.js';

export const ACCESS_TOKEN = 'EAAG-templates-sandbox-token';
export const WABA_ID = TEST_ACCOUNT.wabaId;

export interface TemplatesHarness extends TestPluginContext {
  sandbox: SandboxGraphApi;
  templates: TemplateContext;
  accountId: string;
  row(name: string, language?: string): Promise<Record<string, unknown> | undefined>;
  close(): Promise<void>;
}

/** A plugin context whose number has an access token, and a sandbox Graph API that knows the number and accepts the token. */
export async function startTemplatesHarness(
  options: { sandbox?: SandboxGraphApiOptions; client?: GraphApiClientOptions; accounts?: ConfiguredAccount[] } = {},
): Promise<TemplatesHarness> {
  const plugin = await createTestPluginContext({ accounts: options.accounts ?? [{ ...TEST_ACCOUNT, accessToken: ACCESS_TOKEN }] });
  const sandbox = await startSandboxGraphApi({
    numbers: [{ phoneNumberId: TEST_ACCOUNT.phoneNumberId, wabaId: WABA_ID }],
    accessToken: ACCESS_TOKEN,
    ...options.sandbox,
  });
  const [{ id: accountId }] = await plugin.db.dataSource.query(`SELECT id FROM whatsapp_accounts WHERE phone_number_id = $1`, [
    TEST_ACCOUNT.phoneNumberId,
  ]);
  return {
    ...plugin,
    sandbox,
    accountId,
    templates: { ...plugin.context, graph: createGraphApiClient({ graphUrl: sandbox.url, ...options.client }) },
    async row(name, language = 'fr') {
      const rows = await plugin.db.dataSource.query(`SELECT * FROM whatsapp_templates WHERE name = $1 AND language = $2`, [name, language]);
      return rows[0];
    },
    async close() {
      await sandbox.close();
      await plugin.close();
    },
  };
}

export function seedTemplate(name: string, overrides: Partial<SeedTemplate> = {}): SeedTemplate {
  return {
    name,
    language: 'fr',
    category: 'UTILITY',
    components: [{ type: 'BODY', text: `Bonjour {{1}}, voici le modèle ${name}.`, example: { body_text: [['Amina']] } }],
    ...overrides,
  };
}
