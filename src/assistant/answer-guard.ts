import { NO_ANSWER, citedPassages, withoutCitations } from '../domain/assistant-prompt.js';
import { RULES } from './assistant-prompt.js';
import type { Passage } from './knowledge/retrieve-passages.js';

/** WhatsApp's limit for a text message. */
const MAX_TEXT = 4096;

export type AnswerVerdict = { ok: true; text: string } | { ok: false; reason: 'no_passage' | 'unsafe_answer'; detail: string };

/**
 * What a model wrote, checked before anyone sees it: NO_ANSWER (or nothing) means no passage
 * supports an answer; the prompt's reference or a rule recited means the prompt leaked; an answer
 * that sends the customer somewhere (a link, an e-mail address, a phone number) that no passage
 * holds was put in the model's mouth. In Answer mode an answer must also cite a passage it was
 * given: what goes out by itself is grounded in the business's knowledge or goes to a person.
 */
export function checkAnswer(raw: string, input: { passages: readonly Passage[]; canary: string; requireCitation: boolean }): AnswerVerdict {
  const answer = raw.trim();
  if (answer === '' || answer.replace(/[.\s]/g, '') === NO_ANSWER || answer.startsWith(NO_ANSWER)) {
    return { ok: false, reason: 'no_passage', detail: 'the model found no answer in the passages' };
  }
  const folded = answer.toLowerCase();
  if (folded.includes(input.canary) || RULES.some((rule) => folded.includes(rule.toLowerCase().slice(0, 40)))) {
    return { ok: false, reason: 'unsafe_answer', detail: 'the answer repeats the instructions' };
  }
  const known = input.passages.map((passage) => passage.content.toLowerCase()).join('\n');
  const compact = known.replace(/[\s().-]/g, '');
  for (const reference of references(answer)) {
    const present = reference.kind === 'number' ? compact.includes(reference.value) : known.includes(reference.value);
    if (!present) return { ok: false, reason: 'unsafe_answer', detail: `the answer gives ${reference.kind === 'number' ? 'a number' : 'an address'} no passage holds` };
  }
  const cited = citedPassages(answer).filter((number) => input.passages.some((passage) => passage.number === number));
  if (input.requireCitation && cited.length === 0) return { ok: false, reason: 'unsafe_answer', detail: 'the answer cites no passage' };
  const text = withoutCitations(answer);
  if (text === '') return { ok: false, reason: 'no_passage', detail: 'the answer is empty' };
  if (text.length > MAX_TEXT) return { ok: false, reason: 'unsafe_answer', detail: 'the answer is longer than a WhatsApp message' };
  return { ok: true, text };
}

function references(answer: string): { kind: 'address' | 'number'; value: string }[] {
  const found: { kind: 'address' | 'number'; value: string }[] = [];
  for (const match of answer.matchAll(/\b(?:https?:\/\/|www\.)[^\s)\]]+|\b[\w.+-]+@[\w-]+\.[\w.-]+/gi)) {
    found.push({ kind: 'address', value: match[0].toLowerCase().replace(/[.,;:!?]+$/, '') });
  }
  for (const match of answer.matchAll(/\+?\d[\d\s().-]{6,}\d/g)) found.push({ kind: 'number', value: match[0].replace(/\D/g, '') });
  return found;
}
