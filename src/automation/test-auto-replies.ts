import type { Queryable } from '../db/sql.js';
import { rulesToApply } from '../domain/auto-reply-match.js';
import { customerLanguage } from '../domain/customer-language.js';
import { loadAutomationSettings } from './automation-settings.js';
import { loadRules, ruleLanguages } from './inbound-automations.js';

/** What a sample message would get: the language it is read in, and each rule that would answer, in order. */
export interface AutoReplyTrial {
  language: string;
  replies: { ruleId: string; name: string; text: string | null; templateId: string | null; stops: boolean }[];
}

/**
 * Runs a sample customer message through the enabled rules of a number (and those of every
 * number) exactly as the processor would, sending nothing: what a manager sees on a rule's page.
 */
export async function testAutoReplies(db: Queryable, accountId: string | null, text: string): Promise<AutoReplyTrial> {
  const accounts = accountId ? [accountId] : [];
  const rules = (await loadRules(db, accounts)).filter((rule) => rule.accountId === null || rule.accountId === accountId);
  const fallback = accountId ? ((await loadAutomationSettings(db, accounts)).get(accountId)?.defaultLanguage ?? 'en') : 'en';
  const language = customerLanguage({ contactLanguage: null, text, available: ruleLanguages(rules), fallback });
  return {
    language,
    replies: rulesToApply(rules, text, language).map((rule) => ({
      ruleId: rule.id, name: rule.name, text: rule.replyText, templateId: rule.templateId, stops: rule.stopAfter,
    })),
  };
}
