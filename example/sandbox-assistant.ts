import { startFakeModel, type FakeModel } from 'adminjs-whatsapp/sandbox';
import type { DataSource } from 'typeorm';

/** The assistant a new install gets in sandbox mode: the local fake model, no key, no network. */
export const SANDBOX_ASSISTANT_NAME = 'Sandbox assistant (local fake model)';

/**
 * Starts the sandbox's fake model and points the sandbox assistant at it (created on the first
 * start, with the simulated number in Suggest mode; its address is updated on every start, the
 * port being a free one). Knowledge bases are the user's to write (README, "AI assistant").
 */
export async function startSandboxAssistant(dataSource: DataSource, phoneNumberId: string): Promise<FakeModel> {
  const model = await startFakeModel();
  const [updated] = (await dataSource.query(`UPDATE whatsapp_assistants SET base_url = $2, updated_at = now() WHERE name = $1 RETURNING id`, [
    SANDBOX_ASSISTANT_NAME,
    model.url,
  ])) as [{ id: string }[], number];
  if (updated.length === 0) {
    const [{ id }] = (await dataSource.query(
      `INSERT INTO whatsapp_assistants (name, provider, base_url, model, handover_keywords) VALUES ($1, 'openai', $2, 'fake-model', 'refund\nremboursement\nاسترجاع') RETURNING id`,
      [SANDBOX_ASSISTANT_NAME, model.url],
    )) as { id: string }[];
    await dataSource.query(
      `INSERT INTO whatsapp_assistant_numbers (account_id, assistant_id, mode) SELECT id, $2, 'suggest' FROM whatsapp_accounts WHERE phone_number_id = $1
       ON CONFLICT (account_id) DO NOTHING`,
      [phoneNumberId, id],
    );
  }
  return model;
}
