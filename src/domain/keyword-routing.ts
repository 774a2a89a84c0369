import { z } from 'zod';

/*
 * Keyword routing labels a conversation with an intent from what the customer wrote.
 * Matching is by whole words (or whole phrases), insensitive to case, Latin accents and the
 * ways Arabic is written on phones: with or without diacritics and tatweel, any alef form,
 * hamza seats dropped (مؤسسة / موسسة), ة written ه, ى written ي, Persian-keyboard letters.
 * Arabic keywords also match with their attached particles and pronouns (المدرسة, للمدرسة,
 * بالشركة, مدرستنا, شركات), so translators list bare words.
 */

export const keywordRuleSchema = z.object({
  intent: z.string().min(1),
  keywords: z.array(z.string()),
});
export type KeywordRule = z.infer<typeof keywordRuleSchema>;
/** The shape of `locales/<lang>/keywords.json`: rules in priority order. */
export const keywordRulesFileSchema = z.object({ rules: z.array(keywordRuleSchema) });

/**
 * Intents that create a whatsapp_leads row when the conversation has none. For a B2B inbox serving
 * Algerian institutions every one of them means an organisation is writing (a school, a public
 * institution, a company, or someone proposing a partnership): all are prospects, and an agent
 * discarding a wrong lead costs less than a prospect nobody followed up.
 */
export const LEAD_INTENTS: readonly string[] = ['partnership', 'school', 'company', 'institution'];

export function isLeadIntent(intent: string | null): boolean {
  return intent !== null && LEAD_INTENTS.includes(intent);
}

/** The intent of the first rule (in rule order) one of whose keywords is in the text, or null. */
export function detectIntent(text: string, rules: readonly KeywordRule[]): string | null {
  const normalized = normalizeForMatching(text);
  if (!normalized) return null;
  for (const rule of compiled(rules)) {
    if (rule.pattern?.test(normalized)) return rule.intent;
  }
  return null;
}

interface CompiledRule {
  intent: string;
  /** null when the rule has no usable keyword. */
  pattern: RegExp | null;
}

const cache = new WeakMap<readonly KeywordRule[], CompiledRule[]>();

function compiled(rules: readonly KeywordRule[]): CompiledRule[] {
  let result = cache.get(rules);
  if (!result) {
    result = rules.map((rule) => ({ intent: rule.intent, pattern: compileKeywords(rule.keywords) }));
    cache.set(rules, result);
  }
  return result;
}

function compileKeywords(keywords: readonly string[]): RegExp | null {
  const alternatives = keywords
    .map(normalizeForMatching)
    .filter((keyword) => keyword !== '')
    .map((keyword) => keyword.split(' ').map(wordPattern).join(' '));
  if (alternatives.length === 0) return null;
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}])`, 'u');
}

const ARABIC_LETTER = /[\u0600-\u06FF]/;
/** و/ف (and), then ب/ك/ل (with, like, for) with or without the article; ل + ال is written لل. */
const ARABIC_PREFIXES = '(?:[وف]?(?:[بكل]?ال|لل|[بكل])?)';
/** Possessive pronouns and the sound plurals and duals. */
const ARABIC_SUFFIXES = '(?:ي|نا|ك|كم|كن|كما|ه|ها|هم|هن|هما|ين|ون|ان|ات)?';

/** `word` is normalised: only letters and digits, nothing a pattern would interpret. */
function wordPattern(word: string): string {
  if (!ARABIC_LETTER.test(word)) return word;
  // A feminine noun's ة (normalised to ه) becomes ت before a pronoun: مدرسة → مدرستنا, مدرسات.
  const body = word.endsWith('ه')
    ? `${word.slice(0, -1)}(?:ه|ات|ت${ARABIC_SUFFIXES})`
    : `${word}${ARABIC_SUFFIXES}`;
  return `${ARABIC_PREFIXES}${body}`;
}

const LETTER_FOLDS: Record<string, string> = {
  ٱ: 'ا',
  ى: 'ي',
  ی: 'ي',
  ک: 'ك',
  ة: 'ه',
  ـ: '',
  œ: 'oe',
  æ: 'ae',
  ß: 'ss',
};
const FOLDED_LETTERS = new RegExp(`[${Object.keys(LETTER_FOLDS).join('')}]`, 'gu');

/**
 * Lower case, without marks (Latin accents, Arabic harakat; canonical decomposition also
 * turns أ إ آ ؤ ئ into their bare letter + a removed hamza/madda mark), common letter variants
 * folded, and every run of non-letters/digits reduced to one space.
 */
export function normalizeForMatching(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/\p{M}/gu, '')
    .replace(FOLDED_LETTERS, (letter) => LETTER_FOLDS[letter] ?? letter)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
