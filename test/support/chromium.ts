import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Where browser tests keep their screenshots (CI keeps this folder as an artefact; git ignores it). */
export const SCREENSHOTS = path.resolve('test-artifacts', 'screenshots');

/**
 * Debian's chromium, launched for a closed network: without the background-networking flags it
 * keeps trying to reach Google and the machine refuses, many connections at a time. In a UTF-8
 * locale whatever the user's: chromium reads file names in the locale's encoding, and under an
 * unset LANG (an ordinary user's login shell on a bare machine) it could not open an attachment
 * named "reçu.jpg".
 */
export async function launchChromium(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  const utf8 = /utf-?8/i.test(process.env.LC_ALL || process.env.LC_CTYPE || process.env.LANG || '');
  return chromium.launch({
    executablePath: CHROMIUM,
    env: utf8 ? process.env : { ...process.env, LC_ALL: 'C.UTF-8' },
    args: [
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
    ],
  });
}

/** Skips the browser suite on a machine without chromium, except in CI where it must run. */
export function requireChromium(context: Mocha.Context): void {
  if (existsSync(CHROMIUM)) return;
  if (process.env.CI) throw new Error(`chromium not found at ${CHROMIUM}: .ci/run installs it`);
  context.skip();
}

/** Signs in through the login page, as a person does, and waits for the back office's home. */
export async function signInAs(page: Page, baseUrl: string, user: { email: string; password: string }): Promise<void> {
  await page.goto(`${baseUrl}/admin/login`);
  await page.fill('input[name=email]', user.email);
  await page.fill('input[name=password]', user.password);
  // The first page after sign-in waits for AdminJS to bundle the components: long on a busy machine.
  await Promise.all([page.waitForURL(/\/admin(\/)?$/, { timeout: 120_000 }), page.click('button[type=submit]')]);
}
