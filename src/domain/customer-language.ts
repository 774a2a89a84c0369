import { detect } from 'tinyld';

/**
 * The language an automatic message speaks to a customer: the CRM's (or one an agent set on the
 * contact), else the one their text is written in (tinyld, among the languages we have a text
 * for: a short "merci" tells nothing and falls through), else the number's default.
 */
export function customerLanguage(input: { contactLanguage: string | null; text: string | null; available: readonly string[]; fallback: string }): string {
  const known = (code: string | null | undefined) => (code && input.available.includes(code) ? code : null);
  const fromContact = known(input.contactLanguage?.toLowerCase().slice(0, 2));
  if (fromContact) return fromContact;
  const text = input.text?.trim();
  const detected = text && input.available.length > 1 ? known(detect(text, { only: [...input.available] })) : null;
  return detected ?? input.fallback;
}

/** The text for a language from texts by language code: that language's, else the fallback's, else any. */
export function textInLanguage(texts: Readonly<Record<string, string>>, language: string, fallback: string): string | null {
  const present = (code: string) => (texts[code]?.trim() ? texts[code]!.trim() : null);
  return present(language) ?? present(fallback) ?? Object.keys(texts).map(present).find((text) => text !== null) ?? null;
}
