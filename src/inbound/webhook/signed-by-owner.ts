import type { WebhookAddressees } from '../../domain/webhook-addressees.js';
import type { NumberOwner } from '../../accounts/account-directory.js';

/**
 * Whether a delivery was signed by the app that owns what it names. Each app signs with its own
 * secret, so a valid signature only proves which app sent the delivery: a delivery for number B
 * signed with number A's app secret is A's app speaking for B, and is refused. A number or WABA
 * no account has is not checked: such a delivery is stored as unroutable, visible and harmless.
 */
export function signedByOwner(addressees: WebhookAddressees, owners: NumberOwner[], signingSecrets: string[]): boolean {
  const signers = new Set(signingSecrets);
  const signedByOneOf = (accounts: NumberOwner[]) => accounts.length === 0 || accounts.some((account) => account.appSecret !== null && signers.has(account.appSecret));
  return (
    addressees.phoneNumberIds.every((id) => signedByOneOf(owners.filter((owner) => owner.phoneNumberId === id))) &&
    addressees.wabaIds.every((id) => signedByOneOf(owners.filter((owner) => owner.wabaId === id)))
  );
}
