import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Locale } from 'adminjs';
import { localesDir } from '../config/package-paths.js';

const LANGUAGES = ['en', 'fr', 'ar'] as const;

/** AdminJS translations from locales/<lang>/admin.json (the translators' files), for every language present. */
export function adminLocale(defaultLanguage = 'en'): Locale {
  const translations: NonNullable<Locale['translations']> = {};
  for (const language of LANGUAGES) {
    const file = path.join(localesDir, language, 'admin.json');
    if (existsSync(file)) translations[language] = JSON.parse(readFileSync(file, 'utf8'));
  }
  return { language: defaultLanguage, availableLanguages: Object.keys(translations), translations };
}
