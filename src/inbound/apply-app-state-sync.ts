import type { AppStateSyncValue } from '../domain/webhook-payload.js';
import { unixSecondsToDate } from '../domain/unix-seconds.js';
import { prepared, queryRows } from '../db/sql.js';
import type { ProcessingScope, RoutedAccount } from './processing-scope.js';
import { contactOf } from './store-inbound-messages.js';

/**
 * Coexistence: the business's WhatsApp Business app address book. A contact added or edited
 * there gets that name here (the name agents see), created if this number never heard from
 * them; a removal keeps the contact and its name. A sync older than the last one applied is ignored.
 */
export async function applyAppStateSync(scope: ProcessingScope, account: RoutedAccount, value: AppStateSyncValue, receivedAt: Date): Promise<number> {
  let applied = 0;
  for (const entry of value.state_sync ?? []) {
    const phone = entry.contact?.phone_number;
    if (entry.type !== 'contact' || !phone) {
      scope.notes.push(`state sync of ${entry.type} skipped: only the address book's contacts are applied`);
      continue;
    }
    if (entry.action !== 'add') continue;
    const at = entry.metadata?.timestamp ? unixSecondsToDate(entry.metadata.timestamp) : receivedAt;
    const name = (entry.contact?.full_name || entry.contact?.first_name || '').slice(0, 200);
    if (!name) continue;
    const { contact } = await contactOf(scope, account, { waId: phone, userId: null, profileName: null, username: null, at });
    const updated = await queryRows<{ id: string }>(
      scope.manager,
      prepared(`UPDATE whatsapp_contacts SET display_name = $2, app_contact_synced_at = $3, updated_at = now()
        WHERE id = $1 AND (app_contact_synced_at IS NULL OR app_contact_synced_at < $3) RETURNING id`),
      [contact.id, name, at],
    );
    applied += updated.length;
  }
  return applied;
}
