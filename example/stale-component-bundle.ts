import { readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';

/** What the bundle is built from: the plugin's sources (components and what they import) and this host's registration. */
const SOURCES = ['src', 'example', 'node_modules/adminjs/package.json'];

/**
 * Outside production, AdminJS builds the React components on the first page request, but serves
 * any bundle already in its temp folder (.adminjs/bundle.js) without checking it is current. After
 * an upgrade or an edit, agents would get yesterday's components: a bundle older than any source
 * is removed, so that the first request builds today's; a current one is kept, so a restart
 * without such a change serves its pages at once.
 */
export async function removeStaleComponentBundle(): Promise<void> {
  if (process.env.NODE_ENV === 'production') return;
  const bundle = path.join(path.resolve(process.env.ADMIN_JS_TMP_DIR ?? '.adminjs'), 'bundle.js');
  const built = await stat(bundle).then((info) => info.mtimeMs, () => undefined);
  if (built === undefined) return;
  if ((await newestChange(SOURCES)) >= built) await rm(bundle, { force: true });
}

async function newestChange(paths: string[]): Promise<number> {
  let newest = 0;
  for (const entry of paths) {
    const info = await stat(entry).catch(() => undefined);
    if (!info) continue;
    newest = Math.max(newest, info.mtimeMs);
    if (!info.isDirectory()) continue;
    for (const file of await readdir(entry, { recursive: true })) {
      newest = Math.max(newest, (await stat(path.join(entry, file))).mtimeMs);
    }
  }
  return newest;
}
