import { rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Outside production, AdminJS builds the React components on the first page request, but serves
 * any bundle already in its temp folder (.adminjs/bundle.js) without checking it is current. After
 * an upgrade or an edit, agents would get yesterday's components: removing it makes the first
 * request build today's.
 */
export async function removeStaleComponentBundle(): Promise<void> {
  if (process.env.NODE_ENV === 'production') return;
  await rm(path.join(path.resolve(process.env.ADMIN_JS_TMP_DIR ?? '.adminjs'), 'bundle.js'), { force: true });
}
