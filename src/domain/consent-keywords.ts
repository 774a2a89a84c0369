import { z } from 'zod';
import { normalizeForMatching } from './keyword-routing.js';

/*
 * Marketing opt-out and opt-in by keyword: a customer who writes STOP (ARRÊT, توقف…) stops
 * marketing messages; START (or one of its translations) resumes them. Only a message that is
 * the keyword alone counts (after case, accents, Arabic spelling variants and punctuation are
 * folded, as keyword routing does): "stop" inside a sentence ("don't stop sending me offers")
 * is a customer talking, not an instruction.
 */

export const consentKeywordsSchema = z.object({
  optOut: z.array(z.string()),
  optIn: z.array(z.string()),
});
/** The shape of `locales/<lang>/consent-keywords.json`, and of the `consentKeywords` option (per language). */
export type ConsentKeywords = z.infer<typeof consentKeywordsSchema>;

export interface ConsentKeywordMatch {
  optedOut: boolean;
  /** The language whose list the keyword came from: the confirmation is written in it. */
  language: string;
}

/** What the customer's text asks for, or null when it is not a consent keyword. Opt-out wins when a word is in both lists. */
export function matchConsentKeyword(text: string | null, keywordsByLanguage: Readonly<Record<string, ConsentKeywords>>): ConsentKeywordMatch | null {
  if (!text) return null;
  const normalized = normalizeForMatching(text);
  if (!normalized) return null;
  for (const optedOut of [true, false]) {
    for (const [language, keywords] of Object.entries(keywordsByLanguage)) {
      const list = optedOut ? keywords.optOut : keywords.optIn;
      if (list.some((keyword) => normalizeForMatching(keyword) === normalized)) return { optedOut, language };
    }
  }
  return null;
}
