import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * React components are bundled by AdminJS from their source files (src/admin/components),
 * whether the server runs from src (tsx) or from dist (tsc). Find them from the package root.
 */
const packageRoot = (() => {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('adminjs-whatsapp: package.json not found above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
})();

export function componentPath(fileName: string): string {
  return path.join(packageRoot, 'src', 'admin', 'components', fileName);
}
