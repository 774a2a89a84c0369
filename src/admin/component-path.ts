import path from 'node:path';
import { packageRoot } from '../config/package-paths.js';

/** React components are bundled by AdminJS from their source files, wherever the server runs from. */
export function componentPath(fileName: string): string {
  return path.join(packageRoot, 'src', 'admin', 'components', fileName);
}
