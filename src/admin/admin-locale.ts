import type { CurrentAdmin, Locale } from 'adminjs';
import deepmerge from 'deepmerge';
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
    // The host's words win; its lists replace ours rather than add to them.
    translations[language] = deepmerge(translations[language] ?? {}, theirs, { arrayMerge: (_ours, hosts) => hosts });
  }
  const availableLanguages = [...new Set([...(plugin.availableLanguages ?? []), ...(host.availableLanguages ?? Object.keys(host.translations ?? {}))])];
  return { ...plugin, ...host, translations, availableLanguages };
}
