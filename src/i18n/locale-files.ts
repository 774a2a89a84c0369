import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from 'adminjs';
import { localesDir } from '../config/package-paths.js';
import { LANGUAGES } from './catalogue.js';

/** Files of locales/<lang>/ that are not messages: admin.json is AdminJS's own shape, keywords.json and consent-keywords.json are data (words to match). */
const NOT_MESSAGES = new Set(['admin.json', 'keywords.json', 'consent-keywords.json']);

/**
 * AdminJS translations from the translators' files: `admin.json` in AdminJS's shape, and every
 * other file (meta-errors.json, outbound.json…) merged into `messages`, so a handler's notice key
 * such as `serviceWindow.closed` or `metaError.131047` is translated in the browser. Read once
 * per process: AdminJS and the server's own pages share them.
 */
export function adminLocale(): Locale {
  return (cached ??= readLocales());
}

let cached: Locale | undefined;

function readLocales(): Locale {
  const translations: NonNullable<Locale['translations']> = {};
  for (const language of LANGUAGES) {
    const dir = path.join(localesDir, language);
    const adminFile = path.join(dir, 'admin.json');
    if (!existsSync(adminFile)) continue;
    const admin = readJson(adminFile);
    const messages = { ...(admin.messages as object) };
    for (const file of readdirSync(dir).filter((name) => name.endsWith('.json') && !NOT_MESSAGES.has(name)).sort()) {
      Object.assign(messages, readJson(path.join(dir, file)));
    }
    translations[language] = { ...admin, messages };
  }
  return { language: 'en', availableLanguages: Object.keys(translations), translations };
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}
