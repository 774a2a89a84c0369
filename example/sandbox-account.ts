import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConfiguredAccount } from 'adminjs-whatsapp';

/** The number the sandbox and the simulator use: the ids of the shared webhook fixtures. */
export interface SandboxAccount {
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string;
  appSecret: string;
  verifyToken: string;
}

export const SANDBOX_ACCOUNT_FILE = 'sandbox-account.json';

/**
 * Without Meta credentials the app runs against a simulated number. Its app secret and verify
 * token are generated once and kept in the data directory, where `npm run simulate` finds them.
 */
export async function sandboxAccount(dataDir: string): Promise<SandboxAccount> {
  const file = path.join(dataDir, SANDBOX_ACCOUNT_FILE);
  if (existsSync(file)) return JSON.parse(await readFile(file, 'utf8')) as SandboxAccount;
  const account = newSandboxAccount();
  await mkdir(dataDir, { recursive: true });
  await writeFile(file, JSON.stringify(account, null, 2), { mode: 0o600 });
  return account;
}

/** The simulated number with a fresh app secret and verify token. */
export function newSandboxAccount(): SandboxAccount {
  return {
    phoneNumberId: '118237465540912',
    wabaId: '104729381102938',
    displayPhoneNumber: '213770001122',
    appSecret: randomBytes(24).toString('hex'),
    verifyToken: randomBytes(12).toString('hex'),
  };
}

export function asConfiguredAccount(account: SandboxAccount): ConfiguredAccount {
  // The sandbox accepts any token; the account needs one, as a real number does, to send.
  return { ...account, accessToken: 'sandbox-access-token', name: 'Sandbox number (simulated)', defaultRegion: 'DZ' };
}
