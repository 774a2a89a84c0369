import i18next, { type TFunction } from 'i18next';
import { adminLocale } from './locale-files.js';
import { LANGUAGES, type Language } from './catalogue.js';
import { negotiateLanguage } from './negotiate-language.js';

let instance: ReturnType<typeof i18next.createInstance> | undefined;

/**
 * Texts the server renders itself (the login page, refusals sent as plain text), from the same
 * catalogues as the back office: i18next with the translators' files, plurals by the language's
 * rules, English underneath anything missing.
 */
export function serverTranslator(language: Language): TFunction {
  if (!instance) {
    const locale = adminLocale();
    const resources = Object.fromEntries(
      LANGUAGES.map((lng) => [lng, { translation: (locale.translations?.[lng] as { messages?: object } | undefined)?.messages ?? {} }]),
    );
    instance = i18next.createInstance({ resources, fallbackLng: 'en', initAsync: false, interpolation: { escapeValue: false } });
    void instance.init();
  }
  return instance.getFixedT(language);
}

/** The language and texts for a visitor who is not signed in: his browser's Accept-Language. */
export interface VisitorLanguage {
  language: Language;
  t: TFunction;
}

export function visitorLanguage(acceptLanguage: string | undefined): VisitorLanguage {
  const language = negotiateLanguage(null, acceptLanguage);
  return { language, t: serverTranslator(language) };
}
