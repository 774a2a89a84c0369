import { searchText } from './search-text.js';

/*
 * When a customer's message hands the conversation to a person before any model is asked:
 * the customer asks for a human (in English, French or Arabic), or writes one of the business's
 * hand-over keywords. Both sides are compared as the inbox search compares text (accents, Arabic
 * letter forms and case folded), word by word.
 */

const ASKS_FOR_HUMAN = [
  // English
  'human', 'a person', 'real person', 'an agent', 'live agent', 'speak to someone', 'talk to someone', 'customer service', 'representative', 'operator',
  // French
  'un humain', 'une personne', 'vraie personne', 'un conseiller', 'une conseillere', 'un agent', 'parler a quelqu', 'service client', 'un operateur',
  // Arabic (Modern Standard and Darija spellings)
  'انسان', 'شخص حقيقي', 'موظف', 'ممثل خدمة', 'خدمة العملاء', 'اكلم حد', 'نهدر مع', 'نحكي مع', 'وكيل',
].map(searchText);

/** The phrase as a whole word or words; a phrase ending in `quelqu` ("parler à quelqu'un") takes any ending. */
function containsPhrase(text: string, phrase: string): boolean {
  if (!phrase) return false;
  const escaped = phrase.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const end = phrase.endsWith('quelqu') ? '' : '(?![\\p{L}\\p{N}])';
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}${end}`, 'u').test(text);
}

export function asksForHuman(customerText: string): boolean {
  const text = searchText(customerText);
  return ASKS_FOR_HUMAN.some((phrase) => containsPhrase(text, phrase));
}

/** The business's hand-over keywords, one per line or comma-separated. */
export function handoverKeywords(list: string): string[] {
  return list
    .split(/[\n,]/)
    .map((keyword) => searchText(keyword.trim()))
    .filter(Boolean);
}

/** The first keyword the customer's message holds as a word or phrase, if any. */
export function matchedKeyword(customerText: string, keywords: readonly string[]): string | null {
  const text = searchText(customerText);
  return keywords.find((keyword) => containsPhrase(text, keyword)) ?? null;
}
