import { describeInboundMessage } from '../domain/inbound-message.js';
import type { EchoesValue } from '../domain/webhook-payload.js';
import type { ProcessingScope, RoutedAccount } from './processing-scope.js';
import { stageMessage } from './store-inbound-messages.js';

/**
 * Coexistence: messages the business sent from the WhatsApp Business app (or a linked device)
 * become outbound messages in the customer's thread, authored "WhatsApp Business app" — `sent`,
 * at the time the phone sent them. They change nothing of the customer's side: no unread, no
 * 24-hour window, no keyword routing. Their edits and deletions apply to the business's own messages.
 */
export async function stageBusinessEchoes(scope: ProcessingScope, account: RoutedAccount, value: EchoesValue): Promise<void> {
  for (const message of value.message_echoes ?? []) {
    const customer = { waId: message.to ?? null, userId: message.to_user_id ?? null, profileName: null, username: null };
    if (!customer.waId && !customer.userId) {
      scope.notes.push(`echo ${message.id} skipped: it names no customer (neither to nor to_user_id)`);
      continue;
    }
    if (message.group_id) {
      scope.notes.push(`echo ${message.id} to group ${message.group_id} skipped: group chats are not part of the one-to-one inbox`);
      continue;
    }
    const described = describeInboundMessage(message);
    await stageMessage(scope, account, { message, described, party: customer, direction: 'outbound', origin: 'business_app', status: 'sent', mode: 'attach' });
  }
}
