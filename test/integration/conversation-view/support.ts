import { buildDelivery, serializeDelivery, type DeliveryOptions, type SimulationKind } from '../../../src/sandbox/simulated-deliveries.js';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import { signBody } from '../../../src/domain/webhook-signature.js';
import { Browser, type RunningBackOffice } from '../../support/test-back-office.js';
import { insertLoginUser } from '../../support/login-users.js';

export const APP_SECRET = 'conversation-view-app-secret';
export const ACCOUNT = { phoneNumberId: '118237465540912', wabaId: '104729381102938', appSecret: APP_SECRET, name: 'Oran office' };
export const PASSWORD = 'a long enough password';

/** Posts a signed delivery to Meta's callback, as Meta does. */
export async function postDelivery(office: RunningBackOffice, kind: SimulationKind, options: DeliveryOptions = {}): Promise<void> {
  const body = serializeDelivery(buildDelivery(kind, options), { escapeUnicode: true });
  const response = await fetch(`${office.baseUrl}/webhooks/whatsapp`, {
    method: 'POST',
    body,
    headers: { 'content-type': 'application/json', 'x-hub-signature-256': signBody(body, APP_SECRET) },
  });
  if (response.status !== 200) throw new Error(`the webhook answered ${response.status}`);
}

/** An admin of the given role, with grants (permission → account id or null for every number), signed in. */
export async function signedInAdmin(
  office: RunningBackOffice,
  email: string,
  role: 'agent' | 'manager' | 'super_admin',
  grants: [string, string | null][] = [],
): Promise<{ id: string; browser: Browser }> {
  const admin = { id: await insertLoginUser(office.dataSource, { email, name: email.split('@')[0]!, passwordHash: await hashPassword(PASSWORD), role }) };
  for (const [permission, accountId] of grants) {
    await office.dataSource.query(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, $2, $3)`, [
      admin.id,
      permission,
      accountId,
    ]);
  }
  const browser = new Browser(office.baseUrl);
  const login = await browser.login(email, PASSWORD);
  if (login.status !== 303) throw new Error(`login of ${email} answered ${login.status}`);
  return { id: admin.id, browser };
}

export async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
