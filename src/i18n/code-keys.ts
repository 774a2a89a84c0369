import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PLURAL_SUFFIX, type CatalogueEntry } from './catalogue.js';

/** What the code says, as far as translation keys go: its string literals and the key prefixes it builds keys from. */
export interface CodeStrings {
  literals: Set<string>;
  /** `metaError.${code}` or `'status.' + status`: keys are built from these at run time. */
  prefixes: Set<string>;
  /** `${action.name}Confirm`, `${area}.refusal.${reason}`: the fixed parts of keys built around values. */
  shapes: RegExp[];
  /** Every identifier-like word, for the names AdminJS translates by themselves (resources, properties, actions). */
  words: Set<string>;
  /** Literals in a key's place: a translate call's argument, a notice's `message`, a refusal's key. */
  keys: Set<string>;
}

const SOURCE = /\.(ts|tsx|js|jsx)$/;
const LITERAL = /'((?:[^'\\\n]|\\.)*)'|"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
/** What comes right before a literal that is a translation key. */
const KEY_PLACE = /(?:\btranslate\w*|\bt[mlbap]?|\bi18nKey|\bmessage|\bkey|Refusal|Error)\s*[(:=]\s*$/;

export function scanCode(roots: string[]): CodeStrings {
  const code: CodeStrings = { literals: new Set(), prefixes: new Set(), words: new Set(), keys: new Set(), shapes: [] };
  for (const root of roots) for (const file of sourceFiles(root)) collect(readFileSync(file, 'utf8'), code);
  return code;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : sourceFiles(full);
    return SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

function collect(source: string, code: CodeStrings): void {
  for (const match of source.matchAll(LITERAL)) {
    const text = match[1] ?? match[2] ?? match[3] ?? '';
    const dynamic = text.indexOf('${');
    if (dynamic >= 0) {
      // The code inside `${…}` holds literals of its own: t('login.email') in an HTML template.
      for (const inner of text.matchAll(/\$\{((?:[^{}]|\{[^{}]*\})*)\}/g)) collect(inner[1]!, code);
      code.prefixes.add(text.slice(0, dynamic));
      const fixed = text.split(/\$\{[^}]*\}/);
      // Only shapes with a fixed part long enough to mean something (not `${a}.${b}`).
      if (fixed.some((part) => part.replace(/\W/g, '').length >= 4)) {
        code.shapes.push(new RegExp(`^${fixed.map((part) => part.replace(/[.*+?^$()|[\]\\]/g, '\\$&')).join('[\\w.-]+')}$`));
      }
      continue;
    }
    code.literals.add(text);
    if (text.endsWith('.')) code.prefixes.add(text);
    if (KEY_PLACE.test(source.slice(Math.max(0, match.index - 40), match.index))) code.keys.add(text);
  }
  for (const word of source.match(/[A-Za-z_][\w]*/g) ?? []) code.words.add(word);
}

/**
 * Whether the code can reach a catalogue entry. AdminJS's own sections of admin.json are looked up
 * by resource, property and action names, so their last segment must exist in the code; every
 * other key must appear whole, or start with a prefix the code builds keys from.
 */
export function isUsed(entry: CatalogueEntry, code: CodeStrings): boolean {
  const key = entry.key.replace(PLURAL_SUFFIX, '');
  if (entry.file === 'keywords.json' || entry.file === 'consent-keywords.json') return true;
  if (entry.file === 'admin.json') {
    const segments = key.split('.');
    const last = segments[segments.length - 1]!;
    if (segments[0] === 'messages') return code.literals.has(segments.slice(1).join('.')) || hasPrefix(segments.slice(1).join('.'), code);
    return code.words.has(last) || code.literals.has(last) || hasPrefix(segments.slice(1).join('.'), code) || code.literals.has(segments.slice(1).join('.'));
  }
  return code.literals.has(key) || hasPrefix(key, code);
}

function hasPrefix(key: string, code: CodeStrings): boolean {
  for (const prefix of code.prefixes) if (prefix.length > 2 && key.startsWith(prefix)) return true;
  return code.shapes.some((shape) => shape.test(key));
}
