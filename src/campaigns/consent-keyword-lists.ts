import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { localesDir as packageLocalesDir } from '../config/package-paths.js';
import { consentKeywordsSchema, type ConsentKeywords } from '../domain/consent-keywords.js';
import { LANGUAGES } from '../i18n/catalogue.js';

const loaded = new Map<string, Record<string, ConsentKeywords>>();

/**
 * The translators' opt-out and opt-in words (`locales/<lang>/consent-keywords.json`), by language.
 * Read once per directory; a malformed file throws at start-up rather than silently ignoring a STOP.
 */
export function defaultConsentKeywords(localesDir: string = packageLocalesDir): Record<string, ConsentKeywords> {
  const cached = loaded.get(localesDir);
  if (cached) return cached;
  const lists: Record<string, ConsentKeywords> = {};
  for (const language of LANGUAGES) {
    const file = path.join(localesDir, language, 'consent-keywords.json');
    if (!existsSync(file)) continue;
    const parsed = consentKeywordsSchema.safeParse((JSON.parse(readFileSync(file, 'utf8')) as { consentKeywords?: unknown }).consentKeywords);
    if (!parsed.success) throw new Error(`adminjs-whatsapp: ${file} is not a consent keywords file: ${parsed.error.message}`);
    lists[language] = parsed.data;
  }
  loaded.set(localesDir, lists);
  return lists;
}
