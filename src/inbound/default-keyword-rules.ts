import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { localesDir as packageLocalesDir } from '../config/package-paths.js';
import { keywordRulesFileSchema, type KeywordRule } from '../domain/keyword-routing.js';

/** In this order: an intent's priority is where it first appears across the files. */
const LANGUAGES = ['en', 'fr', 'ar'] as const;

const loaded = new Map<string, KeywordRule[]>();

/**
 * The translators' keyword rules (`locales/<lang>/keywords.json`) merged into one rule per
 * intent, so a customer is understood whichever language they write in, or mix. Read once per
 * directory; a malformed file throws at start-up rather than silently routing nothing.
 */
export function defaultKeywordRules(localesDir: string = packageLocalesDir): KeywordRule[] {
  const cached = loaded.get(localesDir);
  if (cached) return cached;
  const merged = new Map<string, Set<string>>();
  for (const language of LANGUAGES) {
    const file = path.join(localesDir, language, 'keywords.json');
    if (!existsSync(file)) continue;
    const parsed = keywordRulesFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
    if (!parsed.success) throw new Error(`adminjs-whatsapp: ${file} is not a keyword rules file: ${parsed.error.message}`);
    for (const rule of parsed.data.rules) {
      const keywords = merged.get(rule.intent) ?? new Set<string>();
      rule.keywords.forEach((keyword) => keywords.add(keyword));
      merged.set(rule.intent, keywords);
    }
  }
  const rules = [...merged].map(([intent, keywords]) => ({ intent, keywords: [...keywords] }));
  loaded.set(localesDir, rules);
  return rules;
}
