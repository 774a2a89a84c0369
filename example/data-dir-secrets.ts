import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * A secret generated once into the data directory (embedded mode only): the encryption key or
 * the session secret of a local install. Back the directory up with the database: without the
 * key, the sealed secrets in it cannot be opened.
 */
export async function generatedSecret(dataDir: string, fileName: string): Promise<{ value: string; created: boolean }> {
  const file = path.join(dataDir, fileName);
  if (existsSync(file)) return { value: (await readFile(file, 'utf8')).trim(), created: false };
  await mkdir(dataDir, { recursive: true });
  const value = randomBytes(32).toString('base64');
  await writeFile(file, `${value}\n`, { mode: 0o600, flag: 'wx' });
  return { value, created: true };
}
