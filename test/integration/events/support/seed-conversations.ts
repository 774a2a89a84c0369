import type { PluginContext } from '../../../../src/context/plugin-context.js';
import { TEST_ACCOUNT } from '../../../support/plugin-context.js';

/** `count` customers of the test number, each with an open conversation; returns the conversations' ids. */
export async function seedConversations(context: PluginContext, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const waId = `2135551${String(i).padStart(5, '0')}`;
    const [row] = await context.dataSource.query(
      `WITH a AS (SELECT id FROM whatsapp_accounts WHERE phone_number_id = $1),
            ct AS (INSERT INTO whatsapp_contacts (account_id, wa_id, phone_e164, profile_name) SELECT a.id, $2::text, '+' || $2::text, $3 FROM a RETURNING id, account_id)
       INSERT INTO whatsapp_conversations (account_id, contact_id, status, last_inbound_at, last_message_at)
       SELECT account_id, id, 'open', now(), now() FROM ct RETURNING id`,
      [TEST_ACCOUNT.phoneNumberId, waId, `Customer ${i}`],
    );
    ids.push(row.id);
  }
  return ids;
}
