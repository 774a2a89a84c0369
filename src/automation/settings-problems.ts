import { compilePattern } from '../domain/auto-reply-match.js';
import { businessHoursProblems } from '../domain/business-hours.js';
import { businessHoursOf } from './automation-settings.js';

/** A form's problems, by field, as i18n keys (automation.json). */
export type FieldProblems = Record<string, string>;

/** A number's settings as the form sent them (AdminJS's params, unflattened). */
export function automationSettingsProblems(form: Record<string, unknown>): FieldProblems {
  const problems: FieldProblems = {};
  const hours = businessHoursOf(String(form.timeZone ?? 'UTC'), form.weeklyHours, form.holidays, form.hoursExceptions);
  for (const key of businessHoursProblems(hours)) {
    const field = key.endsWith('timeZone') ? 'timeZone' : key.endsWith('date') ? 'holidays' : 'weeklyHours';
    problems[field] ??= key;
  }
  if (form.businessHoursEnabled === 'true' || form.businessHoursEnabled === true) {
    if (hours.weekly.length === 0 && !form.awayEnabled) problems.weeklyHours ??= 'automation.hours.problem.noHours';
  }
  return problems;
}

/** A keyword rule as the form sent it: something to match, something to send, a pattern RE2 can run. */
export function autoReplyRuleProblems(form: Record<string, unknown>): FieldProblems {
  const problems: FieldProblems = {};
  const keywords = Array.isArray(form.keywords) ? form.keywords.filter((k) => typeof k === 'string' && k.trim()) : [];
  const pattern = typeof form.pattern === 'string' ? form.pattern.trim() : '';
  if (keywords.length === 0 && !pattern) problems.keywords = 'automation.rule.problem.nothingToMatch';
  if (pattern) {
    try {
      compilePattern(pattern);
    } catch {
      problems.pattern = 'automation.rule.problem.pattern';
    }
  }
  if (!(typeof form.replyText === 'string' && form.replyText.trim()) && !form.templateId) problems.replyText = 'automation.rule.problem.nothingToSend';
  return problems;
}

/** An SLA policy sets at least one target, each a positive number of minutes. */
export function slaPolicyProblems(form: Record<string, unknown>): FieldProblems {
  const targets = ['firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes'];
  const problems: FieldProblems = {};
  for (const field of targets) {
    const value = form[field];
    if (value !== undefined && value !== null && value !== '' && !(Number.isInteger(Number(value)) && Number(value) > 0)) problems[field] = 'automation.sla.problem.minutes';
  }
  if (targets.every((field) => form[field] === undefined || form[field] === null || form[field] === '')) problems.firstResponseMinutes ??= 'automation.sla.problem.noTarget';
  return problems;
}
