import {
  LANGUAGES,
  PLURAL_SUFFIX,
  REFERENCE_LANGUAGE,
  entryId,
  interpolationVariables,
  pluralForms,
  readCatalogue,
  type CatalogueEntry,
} from './catalogue.js';

/** What a translator has to fix in one language, compared with English. */
export interface LanguageReport {
  language: string;
  /** In English, absent here (a plural key counts as missing when a form the language needs is absent). */
  missing: string[];
  /** Here, not in English any more (renamed or removed in the code). */
  extra: string[];
  /** Present but empty. */
  empty: string[];
  /** Interpolation variables that differ from English: `{{count}}` forgotten or misspelt. */
  variables: { id: string; english: string[]; here: string[] }[];
}

interface Grouped {
  /** Plural forms present, for keys written as `key_one` / `key_other`… */
  forms: Set<string>;
  variables: Set<string>;
  empty: boolean;
}

/** Plural forms of one key are one translatable unit: `unread_one` and `unread_other` → `unread`. */
function group(entries: Map<string, CatalogueEntry>): Map<string, Grouped> {
  const groups = new Map<string, Grouped>();
  for (const entry of entries.values()) {
    const form = PLURAL_SUFFIX.exec(entry.key)?.[1];
    const id = entryId(entry.file, form ? entry.key.replace(PLURAL_SUFFIX, '') : entry.key);
    const grouped = groups.get(id) ?? { forms: new Set<string>(), variables: new Set<string>(), empty: false };
    if (form) grouped.forms.add(form);
    // `count` drives the plural choice: a form may leave it out ("one message").
    for (const variable of interpolationVariables(entry.value)) if (!(form && variable === 'count')) grouped.variables.add(variable);
    grouped.empty ||= entry.value.trim() === '';
    groups.set(id, grouped);
  }
  return groups;
}

export function checkLanguage(localesDir: string, language: string): LanguageReport {
  const english = group(readCatalogue(localesDir, REFERENCE_LANGUAGE));
  const here = group(readCatalogue(localesDir, language));
  const needed = pluralForms(language);
  const report: LanguageReport = { language, missing: [], extra: [], empty: [], variables: [] };
  for (const [id, reference] of english) {
    const translated = here.get(id);
    if (!translated) {
      report.missing.push(id);
      continue;
    }
    if (reference.forms.size > 0) {
      for (const form of needed) if (!translated.forms.has(form)) report.missing.push(`${id}_${form}`);
    }
    if (translated.empty) report.empty.push(id);
    const englishVariables = [...reference.variables].sort();
    const hereVariables = [...translated.variables].sort();
    if (englishVariables.join() !== hereVariables.join()) report.variables.push({ id, english: englishVariables, here: hereVariables });
  }
  for (const id of here.keys()) if (!english.has(id)) report.extra.push(id);
  return report;
}

/** English's own plural keys must carry the forms English needs, and nothing may be empty. */
export function checkAllLanguages(localesDir: string): LanguageReport[] {
  return LANGUAGES.map((language) => checkLanguage(localesDir, language));
}

export function hasBlockingProblems(report: LanguageReport): boolean {
  return report.missing.length > 0 || report.empty.length > 0 || report.variables.length > 0;
}
