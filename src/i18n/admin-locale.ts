import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Locale } from 'adminjs';

const LANGUAGES = ['en', 'fr', 'ar'] as const;

function localesDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!existsSync(path.join(dir, 'locales'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('adminjs-whatsapp: locales/ not found');
    dir = parent;
  }
  return path.join(dir, 'locales');
}

/** AdminJS translations from locales/<lang>/admin.json (the translators' files), for every language present. */
export function adminLocale(defaultLanguage = 'en'): Locale {
  const dir = localesDir();
  const translations: NonNullable<Locale['translations']> = {};
  for (const language of LANGUAGES) {
    const file = path.join(dir, language, 'admin.json');
    if (existsSync(file)) translations[language] = JSON.parse(readFileSync(file, 'utf8'));
  }
  return { language: defaultLanguage, availableLanguages: Object.keys(translations), translations };
}
