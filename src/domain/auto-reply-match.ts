import { RE2JS } from 're2js';

/** What a rule is matched on. */
export interface AutoReplyCondition {
  keywords: readonly string[];
  pattern: string | null;
  language: string | null;
}

/** Lowercase, without accents or Arabic diacritics, spaces collapsed: `École` and `ecole` are one word. */
export function foldText(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const LETTER = /[\p{L}\p{N}]/u;

/** Whether `keyword` appears in `text` as whole words (not `price` inside `priceless`); both folded. */
function containsWords(text: string, keyword: string): boolean {
  if (!keyword) return false;
  for (let at = text.indexOf(keyword); at >= 0; at = text.indexOf(keyword, at + 1)) {
    const before = text[at - 1];
    const after = text[at + keyword.length];
    if ((!before || !LETTER.test(before)) && (!after || !LETTER.test(after))) return true;
  }
  return false;
}

/**
 * Compiles a manager's pattern with RE2 (linear time: no customer text can make it run for
 * long), case-insensitive. Throws RE2JS's syntax error for a pattern it refuses.
 */
export function compilePattern(pattern: string): RE2JS {
  return RE2JS.compile(pattern, RE2JS.CASE_INSENSITIVE);
}

/** Whether a customer's text in `language` meets the rule. */
export function ruleMatches(rule: AutoReplyCondition, text: string, language: string): boolean {
  if (rule.language && rule.language !== language) return false;
  const folded = foldText(text);
  if (rule.keywords.some((keyword) => containsWords(folded, foldText(keyword)))) return true;
  if (!rule.pattern) return false;
  try {
    return compilePattern(rule.pattern).matcher(text).find();
  } catch {
    return false;
  }
}

/** A rule as the run sees it: its condition, whether it has something to send, whether it stops. */
export interface OrderedRule extends AutoReplyCondition {
  stopAfter: boolean;
  replyText: string | null;
  templateId: string | null;
}

/** The rules that answer a message, in order: each matching rule with a reply, up to the first of them that stops. */
export function rulesToApply<R extends OrderedRule>(rules: readonly R[], text: string, language: string): R[] {
  const applied: R[] = [];
  for (const rule of rules) {
    if ((!rule.replyText?.trim() && !rule.templateId) || !ruleMatches(rule, text, language)) continue;
    applied.push(rule);
    if (rule.stopAfter) break;
  }
  return applied;
}
