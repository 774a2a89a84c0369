import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { CurrentAdmin, Locale } from 'adminjs';
import { localesDir } from '../config/package-paths.js';

import { LANGUAGES } from './catalogue.js';
import { isLanguage } from './negotiate-language.js';

/** Files of locales/<lang>/ that are not messages: admin.json is AdminJS's own shape, keywords.json is routing data. */
const NOT_MESSAGES = new Set(['admin.json', 'keywords.json']);

/**
 * AdminJS translations from the translators' files: `admin.json` in AdminJS's shape, and every
 * other file (meta-errors.json, outbound.json…) merged into `messages`, so a handler's notice key
 * such as `serviceWindow.closed` or `metaError.131047` is translated in the browser.
 */
export function adminLocale(defaultLanguage = 'en'): Locale {
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
  return { language: defaultLanguage, availableLanguages: Object.keys(translations), translations };
}

/**
 * AdminJS's `locale` option as a function of the signed-in admin: each admin sees the back office
 * in his language (his profile's, else his browser's; see back-office-auth), with French and
 * Arabic complete and English underneath anything missing. The files are read once.
 */
export function adminLocaleFor(): (admin?: CurrentAdmin) => Locale {
  const base = adminLocale();
  return (admin) => {
    const language = isLanguage(admin?.language) ? admin.language : 'en';
    // AdminJS hands everything but `language` to i18next: `lng` picks the language, English fills gaps.
    return { ...base, language, lng: language, fallbackLng: 'en' } as Locale;
  };
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}
