import path from 'node:path';
import { fileURLToPath } from 'node:url';

const self = fileURLToPath(import.meta.url);

/**
 * AdminJS bundles the components from the files registered for them. Running from src/ (tsx),
 * that is the .tsx source; running from dist/, the .js that tsc compiled beside this module:
 * AdminJS's babel leaves the .js files of an installed package as they are, so those must already
 * be browser-ready (JSX compiled, imports resolvable).
 */
const extension = path.extname(self) === '.ts' ? '.tsx' : '.js';

export function componentPath(baseName: string): string {
  return path.join(path.dirname(self), 'components', `${baseName}${extension}`);
}
