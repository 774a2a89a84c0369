import { setMarketingConsent } from '../contacts/set-marketing-consent.js';
import { exitEnrollmentsOf } from '../campaigns/exit-enrollments.js';
import type { UserPreferencesValue } from '../domain/webhook-payload.js';
import { unixSecondsToDate } from '../domain/unix-seconds.js';
import type { ProcessingScope, RoutedAccount } from './processing-scope.js';
import { contactOf } from './store-inbound-messages.js';

/**
 * The one place the processor changes a contact's marketing consent: `user_preferences` stop /
 * resume (the customer's choice in WhatsApp), at the time they chose. A contact this number
 * never heard from is created, so the choice holds for the campaigns that would reach them.
 * Returns how many preferences were applied.
 */
export async function applyMarketingPreferences(scope: ProcessingScope, account: RoutedAccount, value: UserPreferencesValue): Promise<number> {
  let applied = 0;
  for (const preference of value.user_preferences ?? []) {
    if (preference.category !== 'marketing_messages' || (preference.value !== 'stop' && preference.value !== 'resume')) {
      scope.notes.push(`preference ${preference.category}=${preference.value} skipped: only marketing stop / resume are applied`);
      continue;
    }
    const profile = value.contacts?.find((c) => (preference.wa_id && c.wa_id === preference.wa_id) || (preference.user_id && c.user_id === preference.user_id));
    const waId = preference.wa_id ?? profile?.wa_id ?? null;
    const userId = preference.user_id ?? profile?.user_id ?? null;
    if (!waId && !userId) {
      scope.notes.push(`preference ${preference.value} skipped: it names no customer`);
      continue;
    }
    const at = unixSecondsToDate(preference.timestamp);
    const { contact } = await contactOf(scope, account, { waId, userId, profileName: profile?.profile?.name ?? null, username: null, at });
    const change = await setMarketingConsent(scope.manager, contact.id, preference.value === 'stop', 'user_preferences', at);
    if (change.changed && change.optedOut) await exitEnrollmentsOf(scope.manager, [contact.id], 'opted-out', at);
    applied++;
  }
  return applied;
}
