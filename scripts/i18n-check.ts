/**
 * `npm run i18n:check`: per language, the keys missing from English's catalogue, the ones English
 * no longer has, empty strings, interpolation variables that differ from English, and English keys
 * no code uses. Exits 1 on anything a user would see broken (missing, empty, wrong variables).
 */
import path from 'node:path';
import { entryId, readCatalogue, REFERENCE_LANGUAGE } from '../src/i18n/catalogue.js';
import { checkAllLanguages, hasBlockingProblems } from '../src/i18n/check-catalogues.js';
import { isUsed, scanCode } from '../src/i18n/code-keys.js';
import { localesDir, packageRoot } from '../src/config/package-paths.js';

const reports = checkAllLanguages(localesDir);
const code = scanCode([path.join(packageRoot, 'src')]);
// AdminJS's own strings (kept in admin.json so translators have them) are used by AdminJS itself.
const adminjs = new Set(
  [...readCatalogue(path.join(packageRoot, 'node_modules', 'adminjs', 'lib', 'locale'), 'en').values()].map((entry) => entry.key),
);
const unused = [...readCatalogue(localesDir, REFERENCE_LANGUAGE).values()].filter(
  (entry) => !isUsed(entry, code) && !(entry.file === 'admin.json' && adminjs.has(entry.key)),
);

const list = (title: string, items: string[]) => {
  if (items.length === 0) return;
  console.log(`  ${title} (${items.length}):`);
  for (const item of items) console.log(`    ${item}`);
};

let failed = false;
for (const report of reports) {
  const blocking = hasBlockingProblems(report);
  failed ||= blocking;
  console.log(`${report.language}: ${blocking ? 'needs work' : 'complete'}`);
  list('missing', report.missing);
  list('empty', report.empty);
  list('variables differ from English', report.variables.map((v) => `${v.id}: English {${v.english.join(', ')}}, here {${v.here.join(', ')}}`));
  list('not in English any more (remove or rename)', report.extra);
}
list('English keys no code uses (remove them, or use them)', unused.map((entry) => entryId(entry.file, entry.key)));
process.exitCode = failed ? 1 : 0;
