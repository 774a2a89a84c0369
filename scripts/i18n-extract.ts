/**
 * `npm run i18n:extract [-- --prune]`: brings the English catalogue in line with the code.
 * A key the code uses (a dotted literal in a key's place — `translateMessage('inbox.assigned')`,
 * `message: 'inbox.assigned'`, a refusal's key — whose first segment is a catalogue's namespace)
 * but English lacks is added, empty, to the file of its namespace:
 * i18n:check then fails until someone writes the English text. With --prune, English keys no
 * code uses are removed (admin.json, which AdminJS reads by name, is never pruned).
 * Other languages are left to translators: i18n:check lists what they now miss.
 */
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REFERENCE_LANGUAGE, readCatalogue } from '../src/i18n/catalogue.js';
import { isUsed, scanCode } from '../src/i18n/code-keys.js';
import { localesDir, packageRoot } from '../src/config/package-paths.js';

type Json = { [key: string]: Json | string | unknown[] };

const prune = process.argv.includes('--prune');
const dir = path.join(localesDir, REFERENCE_LANGUAGE);
const files = new Map<string, Json>();
for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
  files.set(file, JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Json);
}
// Which file holds which namespace (its top-level key); admin.json is AdminJS's and has none.
const fileOfNamespace = new Map<string, string>();
for (const [file, json] of files) if (file !== 'admin.json' && file !== 'keywords.json' && file !== 'consent-keywords.json') for (const ns of Object.keys(json)) fileOfNamespace.set(ns, file);

const catalogue = readCatalogue(localesDir, REFERENCE_LANGUAGE);
const known = new Set([...catalogue.values()].map((entry) => entry.key.replace(/_(zero|one|two|few|many|other)$/, '')));
const code = scanCode([path.join(packageRoot, 'src')]);
const added: string[] = [];
const changed = new Set<string>();
for (const literal of code.keys) {
  if (!/^[a-z][A-Za-z0-9]*(\.[A-Za-z0-9_]+)+$/.test(literal)) continue;
  const file = fileOfNamespace.get(literal.split('.')[0]!);
  if (!file || known.has(literal) || [...known].some((key) => key.startsWith(`${literal}.`))) continue;
  setPath(files.get(file)!, literal.split('.'), '');
  changed.add(file);
  added.push(`${file}:${literal}`);
}
const removed: string[] = [];
if (prune) {
  for (const entry of catalogue.values()) {
    if (entry.file === 'admin.json' || entry.file === 'keywords.json' || entry.file === 'consent-keywords.json' || isUsed(entry, code)) continue;
    deletePath(files.get(entry.file)!, entry.key.split('.'));
    changed.add(entry.file);
    removed.push(`${entry.file}:${entry.key}`);
  }
}
// Only touched files are rewritten (JSON.stringify moves integer-like keys such as Meta's codes first).
for (const file of changed) writeFileSync(path.join(dir, file), `${JSON.stringify(files.get(file), null, 2)}\n`);
console.log(`added ${added.length} key(s) to English, empty until written:`);
for (const id of added) console.log(`  + ${id}`);
if (prune) {
  console.log(`removed ${removed.length} unused key(s):`);
  for (const id of removed) console.log(`  - ${id}`);
}

function setPath(json: Json, segments: string[], value: string): void {
  let node = json;
  for (const segment of segments.slice(0, -1)) node = (node[segment] ??= {}) as Json;
  node[segments[segments.length - 1]!] = value;
}

function deletePath(json: Json, segments: string[]): void {
  const parents: Json[] = [];
  let node: Json | undefined = json;
  for (const segment of segments.slice(0, -1)) {
    parents.push(node);
    node = node[segment] as Json | undefined;
    if (!node) return;
  }
  delete node[segments[segments.length - 1]!];
  // Drop the objects the removal left empty.
  for (let i = segments.length - 2; i >= 0; i--) {
    const parent = parents[i]!;
    const child = parent[segments[i]!] as Json;
    if (Object.keys(child).length === 0) delete parent[segments[i]!];
  }
}
