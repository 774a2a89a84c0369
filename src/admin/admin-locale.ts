import type { CurrentAdmin, Locale } from 'adminjs';
import { adminLocale } from '../i18n/locale-files.js';
import { signedInAgent } from '../agents/signed-in-agent.js';
import { isLanguage } from '../i18n/negotiate-language.js';

/** What a host may pass for its own translations: AdminJS's `locale` option, as an object or a function of the admin. */
export type HostLocale = Locale | ((admin?: CurrentAdmin) => Locale);

/**
 * AdminJS's `locale` option as a function of the signed-in admin: each agent sees the back office
 * in his language (the one he picked, else the host's, else his browser's), with French and
 * Arabic complete and English underneath anything missing. The host's own translations, when
 * given, are merged over the plugin's (its words win where both name the same key). The
 * plugin's files are read once.
 */
export function adminLocaleFor(host?: HostLocale): (admin?: CurrentAdmin) => Locale {
  const base = adminLocale();
  const staticHost = typeof host === 'function' ? undefined : host;
  const merged = staticHost ? mergeLocales(base, staticHost) : base;
  return (admin) => {
    const locale = typeof host === 'function' ? mergeLocales(base, host(admin)) : merged;
    const chosen = signedInAgent(admin)?.language ?? locale.language;
    const language = isLanguage(chosen) || locale.availableLanguages?.includes(chosen) ? chosen : 'en';
    // AdminJS hands everything but `language` to i18next: `lng` picks the language, English fills gaps.
    return { ...locale, language, lng: language, fallbackLng: 'en' } as Locale;
  };
}

function mergeLocales(plugin: Locale, host: Locale): Locale {
  const translations: NonNullable<Locale['translations']> = { ...plugin.translations };
  for (const [language, theirs] of Object.entries(host.translations ?? {})) {
    translations[language] = deepMerge(translations[language] ?? {}, theirs as object) as NonNullable<Locale['translations']>[string];
  }
  const availableLanguages = [...new Set([...(plugin.availableLanguages ?? []), ...(host.availableLanguages ?? Object.keys(host.translations ?? {}))])];
  return { ...plugin, ...host, translations, availableLanguages };
}

function deepMerge(base: object, over: object): object {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = result[key];
    result[key] = isPlainObject(current) && isPlainObject(value) ? deepMerge(current, value) : value;
  }
  return result;
}

function isPlainObject(value: unknown): value is object {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
