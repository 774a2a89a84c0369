/**
 * How text is normalised for search — the TypeScript twin of the SQL function
 * `whatsapp_search_text` (migration 1763700001100), which the trigram indexes are built on. Both
 * apply, character by character:
 *   1. quotes and dashes unified (’ ‘ ʼ → ', “ ” « » → ", – — → -);
 *   2. Arabic letter forms folded: أ إ آ ٱ → ا, ة → ه, ى ی → ي, ؤ → و, ئ → ي, ک → ك, and
 *      Arabic-Indic and Eastern digits → 0–9;
 *   3. marks removed: Arabic harakat, tatweel and Quranic marks, combining accents, invisible
 *      direction and joiner characters;
 *   4. Latin accents folded as PostgreSQL's `unaccent` does (é → e, œ → oe, ß → ss);
 *   5. ASCII letters lower-cased.
 * A test keeps the two equal over Latin (Basic, Latin-1, Extended-A, Additional), Arabic and
 * general punctuation; other scripts pass through TypeScript unchanged. Pure: the browser uses it
 * to highlight, the server to build snippets, and the knowledge base may reuse it.
 */

const range = (from: number, to: number): number[] => Array.from({ length: to - from + 1 }, (_, i) => from + i);

/** Step 1. */
export const QUOTE_FOLDS: Readonly<Record<string, string>> = {
  '\u2018': "'", '\u2019': "'", '\u201B': "'", '\u02BC': "'", '\u2032': "'",
  '\u201C': '"', '\u201D': '"', '\u201F': '"', '\u00AB': '"', '\u00BB': '"', '\u2033': '"',
  '\u2010': '-', '\u2011': '-', '\u2012': '-', '\u2013': '-', '\u2014': '-', '\u2015': '-',
};

/** Step 2. */
export const ARABIC_FOLDS: Readonly<Record<string, string>> = {
  '\u0623': '\u0627', '\u0625': '\u0627', '\u0622': '\u0627', '\u0671': '\u0627', '\u0672': '\u0627', '\u0673': '\u0627',
  '\u0629': '\u0647', '\u06C0': '\u0647',
  '\u0649': '\u064A', '\u06CC': '\u064A', '\u0626': '\u064A',
  '\u0624': '\u0648',
  '\u06A9': '\u0643',
  '\u060C': ',', '\u061B': ';', '\u061F': '?',
  ...Object.fromEntries(range(0x0660, 0x0669).map((code) => [String.fromCharCode(code), String(code - 0x0660)])),
  ...Object.fromEntries(range(0x06f0, 0x06f9).map((code) => [String.fromCharCode(code), String(code - 0x06f0)])),
};

/** Step 3: code point ranges removed (marks, tatweel, invisible formatting). */
export const REMOVED_RANGES: readonly (readonly [number, number])[] = [
  [0x0300, 0x036f], [0x00ad, 0x00ad], [0x0610, 0x061a], [0x0640, 0x0640], [0x064b, 0x065f], [0x0670, 0x0670],
  [0x06d6, 0x06dc], [0x06df, 0x06e4], [0x06e7, 0x06e8], [0x06ea, 0x06ed], [0x200b, 0x200f], [0x202a, 0x202e],
  [0x2066, 0x2069], [0xfeff, 0xfeff],
];

/** Step 4: the letters `unaccent` folds that Unicode does not decompose (the rest: decomposition minus combining accents). */
const UNACCENT_SPECIALS: Readonly<Record<string, string>> = {
  Æ: 'AE', æ: 'ae', Ð: 'D', ð: 'd', Ø: 'O', ø: 'o', Þ: 'TH', þ: 'th', ß: 'ss', Đ: 'D', đ: 'd', Ħ: 'H', ħ: 'h', ı: 'i',
  Ĳ: 'IJ', ĳ: 'ij', ĸ: 'q', Ŀ: 'L', ŀ: 'l', Ł: 'L', ł: 'l', ŉ: "'n", Ŋ: 'N', ŋ: 'n', Œ: 'OE', œ: 'oe', Ŧ: 'T', ŧ: 't',
  ſ: 's', ẚ: 'a', ẛ: 'ẛ', ẜ: 's', ẝ: 's', ẞ: 'SS', Ỻ: 'LL', ỻ: 'll', Ỽ: 'V', ỽ: 'v', Ỿ: 'Y', ỿ: 'y',
  '¡': '!', '¿': '?', '×': '*', '÷': '/', '©': '(C)', '®': '(R)', '±': '+/-', '¼': ' 1/4', '½': ' 1/2', '¾': ' 3/4',
  '‖': '||', '‚': ',', '„': ',,', '․': '.', '‥': '..', '…': '...', '‹': '<', '›': '>', '‼': '!!', '⁄': '/', '⁅': '[', '⁆': ']',
  '⁇': '??', '⁈': '?!', '⁉': '!?', '⁎': '*',
};

const COMBINING = /[\u0300-\u036F]/g;

function isFoldedLatin(code: number): boolean {
  return (code >= 0x00c0 && code <= 0x024f) || (code >= 0x1e00 && code <= 0x1eff);
}

/** One character (a code point) as search sees it: possibly empty, possibly several letters. */
export function normaliseCharacter(character: string): string {
  const folded = QUOTE_FOLDS[character] ?? ARABIC_FOLDS[character];
  if (folded !== undefined) return folded;
  const code = character.codePointAt(0)!;
  if (REMOVED_RANGES.some(([from, to]) => code >= from && code <= to)) return '';
  const special = UNACCENT_SPECIALS[character];
  let latin = special ?? character;
  if (special === undefined && isFoldedLatin(code)) latin = character.normalize('NFD').replace(COMBINING, '');
  return latin.replace(/[A-Z]/g, (letter) => letter.toLowerCase());
}

/** Text as the search indexes hold it. */
export function searchText(text: string): string {
  let result = '';
  for (const character of text) result += normaliseCharacter(character);
  return result;
}

/** The words of a search, normalised, without duplicates; punctuation around a word is not part of it. */
export function searchTerms(query: string): string[] {
  const words = searchText(query)
    .split(/\s+/)
    .map((word) => word.replace(/^[.,;:!?()[\]{}"'«»-]+|[.,;:!?()[\]{}"'«»-]+$/g, ''))
    .filter(Boolean);
  return [...new Set(words)];
}

/** A piece of text, and whether it matched the search. */
export interface HighlightPart {
  text: string;
  hit: boolean;
}

/**
 * `text` cut into parts, the ones matching a search term marked (every occurrence), compared in
 * normalised form: `ecole` marks `École`, `اسعار` marks `أسعار`. Parts are plain strings, for
 * React to render as text.
 */
export function highlight(text: string, terms: readonly string[]): HighlightPart[] {
  const { normalised, starts, ends } = normalisedWithOrigins(text);
  const marked = new Array<boolean>(text.length).fill(false);
  for (const term of terms) {
    if (!term) continue;
    for (let at = normalised.indexOf(term); at >= 0; at = normalised.indexOf(term, at + 1)) {
      for (let i = starts[at]!; i < ends[at + term.length - 1]!; i++) marked[i] = true;
    }
  }
  const parts: HighlightPart[] = [];
  for (let i = 0; i < text.length; i++) {
    const last = parts[parts.length - 1];
    if (last && last.hit === marked[i]) last.text += text[i];
    else parts.push({ text: text[i]!, hit: marked[i]! });
  }
  return parts;
}

/**
 * The part of a long text around its first match, at most `length` characters, cut at word
 * boundaries where possible, with an ellipsis on the sides that were cut; the whole text when
 * nothing matches within it.
 */
export function snippet(text: string, terms: readonly string[], length = 160): HighlightPart[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= length) return highlight(flat, terms);
  const parts = highlight(flat, terms);
  let offset = 0;
  let firstHit = 0;
  for (const part of parts) {
    if (part.hit) {
      firstHit = offset;
      break;
    }
    offset += part.text.length;
  }
  let from = Math.max(0, Math.min(firstHit - Math.floor(length / 3), flat.length - length));
  const space = flat.lastIndexOf(' ', from);
  if (from > 0 && space >= 0 && from - space < 20) from = space + 1;
  const to = Math.min(flat.length, from + length);
  const cut = highlight(flat.slice(from, to), terms);
  if (from > 0) cut.unshift({ text: '…', hit: false });
  if (to < flat.length) cut.push({ text: '…', hit: false });
  return cut;
}

/** The normalised text, and for each of its characters the span of the original it came from (its removed marks included). */
function normalisedWithOrigins(text: string): { normalised: string; starts: number[]; ends: number[] } {
  let normalised = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let index = 0;
  for (const character of text) {
    const folded = normaliseCharacter(character);
    // A removed mark belongs to the letter before it: marked with it, never split from it.
    if (folded === '' && ends.length > 0) ends[ends.length - 1] = index + character.length;
    for (let i = 0; i < folded.length; i++) {
      starts.push(index);
      ends.push(index + character.length);
    }
    normalised += folded;
    index += character.length;
  }
  return { normalised, starts, ends };
}
