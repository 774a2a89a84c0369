import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** The languages the product ships; English is the reference every other catalogue is checked against. */
export const LANGUAGES = ['en', 'fr', 'ar'] as const;
export type Language = (typeof LANGUAGES)[number];
export const REFERENCE_LANGUAGE: Language = 'en';

/** i18next's plural suffixes (Intl.PluralRules categories): `count_one`, `count_other`… */
export const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/** One translated string, addressed by its file and its dotted path inside the file. */
export interface CatalogueEntry {
  file: string;
  /** Path inside the file, dot-separated (`messages.replyQueued`, `inbox.assigned`). */
  key: string;
  value: string;
}

/**
 * Every string of one language, flattened: `{ "inbox": { "assigned": "…" } }` in inbox.json
 * becomes `inbox.json` / `inbox.assigned`. Arrays (the keyword lists) are data, not strings to
 * translate one by one: they are kept whole under their key.
 */
export function readCatalogue(localesDir: string, language: string): Map<string, CatalogueEntry> {
  const entries = new Map<string, CatalogueEntry>();
  const dir = path.join(localesDir, language);
  if (!existsSync(dir)) return entries;
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json')).sort()) {
    const walk = (node: unknown, prefix: string) => {
      if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
        for (const [name, child] of Object.entries(node)) walk(child, prefix ? `${prefix}.${name}` : name);
        return;
      }
      const value = Array.isArray(node) ? JSON.stringify(node) : String(node);
      entries.set(entryId(file, prefix), { file, key: prefix, value });
    };
    walk(JSON.parse(readFileSync(path.join(dir, file), 'utf8')), '');
  }
  return entries;
}

export function entryId(file: string, key: string): string {
  return `${file}:${key}`;
}

/** `{{name}}` and `{{count, number}}` → the variable names a string interpolates. */
export function interpolationVariables(value: string): string[] {
  return [...new Set([...value.matchAll(/{{\s*([\w.]+)\s*(?:,[^}]*)?}}/g)].map((match) => match[1]!))].sort();
}

/** The plural forms a language needs, as i18next resolves them (Intl.PluralRules). */
export function pluralForms(language: string): string[] {
  return new Intl.PluralRules(language).resolvedOptions().pluralCategories.slice().sort();
}
