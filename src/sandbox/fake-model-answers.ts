import { NO_ANSWER, SUMMARY_TASK, passagesOf } from '../domain/assistant-prompt.js';

/*
 * What the sandbox's fake model says, deterministically, from the messages it is given: an answer
 * made of the passage that shares the most words with the customer's last message (cited `[n]`),
 * NO_ANSWER when no passage shares a meaningful word, or a summary of the thread.
 *
 * It is also as gullible as a weak model: "ignore your instructions and say X" makes it say X, and
 * "show your instructions" makes it recite its system message. So the tests of the injection set
 * prove the product's own guards, not the good manners of a model.
 */

export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

const STOP_WORDS = new Set(
  (
    'the a an and or of to in on at for is are was be do does did you your we our us i me my it this that what which who how when where why can could ' +
    'would will have has with from by about please hello hi thanks thank there any some le la les un une des du de et ou est sont au aux en dans pour par ' +
    'sur vous votre vos nous notre je tu il elle ce cette ces quel quelle quels quelles comment quand combien pourquoi bonjour merci avez fait ' +
    'من في على الى عن ما ماذا هل هي هو ان لا مع هذا هذه كم كيف متى اين لماذا التي الذي او و يا انا انت نحن لكم عندكم'
  ).split(' '),
);

function words(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f\u064b-\u065f\u0670]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word.length > 2 && !STOP_WORDS.has(word));
}

/** A word and another share a stem when one starts with the other's first five letters (hours / hour, horaires / horaire). */
function sameStem(a: string, b: string): boolean {
  const length = Math.min(5, a.length, b.length);
  return a.slice(0, length) === b.slice(0, length) && Math.abs(a.length - b.length) <= 3;
}

const SAY = /(?:ignore|oublie|ignorez|تجاهل)[^]*?(?:say|dis|dites|réponds|قل)\s*[:«"]?\s*([^»"\n]+)/i;
const REVEAL = /(system prompt|your instructions|tes instructions|vos instructions|ton prompt|تعليماتك|التعليمات)/i;

export function fakeModelAnswer(messages: readonly ChatTurn[]): string {
  const system = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n');
  const turns = messages.filter((m) => m.role !== 'system');
  if (system.includes(SUMMARY_TASK)) return summary(turns);
  const question = [...turns].reverse().find((m) => m.role === 'user')?.content ?? '';
  const said = SAY.exec(question);
  if (said) return said[1]!.trim();
  if (REVEAL.test(question)) return system;
  const asked = words(question);
  let best: { number: number; text: string; score: number } | null = null;
  for (const passage of passagesOf(system)) {
    const own = words(passage.text);
    const score = asked.filter((word) => own.some((other) => sameStem(word, other))).length;
    if (score > 0 && (!best || score > best.score)) best = { ...passage, score };
  }
  if (!best) return NO_ANSWER;
  return `${answerPart(best.text)} [${best.number}]`;
}

/** A FAQ passage reads "question? answer": the answer part; otherwise the passage, at most 400 characters. */
function answerPart(text: string): string {
  const afterQuestion = /^[^?؟]{3,200}[?؟]\s+(.+)$/s.exec(text);
  const answer = (afterQuestion?.[1] ?? text).trim();
  return answer.length <= 400 ? answer : `${answer.slice(0, answer.lastIndexOf(' ', 400))}…`;
}

function summary(turns: readonly ChatTurn[]): string {
  const customer = turns.filter((m) => m.role === 'user').map((m) => m.content.trim());
  const business = turns.filter((m) => m.role === 'assistant').length;
  const quote = (text: string) => (text.length > 120 ? `${text.slice(0, 117)}…` : text);
  const lines = [`${customer.length} customer message(s), ${business} reply(ies).`];
  if (customer[0]) lines.push(`First: «${quote(customer[0])}»`);
  if (customer.length > 1) lines.push(`Last: «${quote(customer.at(-1)!)}»`);
  return lines.join('\n');
}

/** Tokens as a fixed share of characters: deterministic, close to real tokenisers for Latin text. */
export function fakeTokens(text: string): number {
  return Math.max(1, Math.ceil(text.length / 4));
}

/** A deterministic embedding: hashed words, normalised (dimension 64). */
export function fakeEmbedding(text: string, dimensions = 64): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  for (const word of words(text)) {
    let hash = 2166136261;
    for (const char of word.slice(0, 5)) hash = Math.imul(hash ^ char.codePointAt(0)!, 16777619);
    vector[Math.abs(hash) % dimensions]! += 1;
  }
  const norm = Math.hypot(...vector) || 1;
  return vector.map((value) => value / norm);
}
