/*
 * The contract between the assistant and any chat model, the sandbox's fake included: how the
 * retrieved passages are laid out in the system message, and the one word a model answers when
 * the passages do not support an answer. Pure, so both sides read the same text.
 */

/** What a model answers, alone, when no passage supports an answer: the conversation goes to a person. */
export const NO_ANSWER = 'NO_ANSWER';

/** Opens the passages block of the system message; each passage follows as `[n] text`. */
export const PASSAGES_HEADING = '=== PASSAGES ===';
export const PASSAGES_END = '=== END OF PASSAGES ===';

/** Marks the system message of a summary (no passages, the thread to summarise). */
export const SUMMARY_TASK = '=== TASK: SUMMARY ===';

export interface PromptPassage {
  /** 1-based, as cited: `[1]`. */
  number: number;
  text: string;
}

/** The passages block, one passage per paragraph; line breaks inside a passage become spaces. */
export function passagesBlock(passages: readonly PromptPassage[]): string {
  const lines = passages.map((passage) => `[${passage.number}] ${passage.text.replace(/\s*\n\s*/g, ' ').trim()}`);
  return [PASSAGES_HEADING, ...lines, PASSAGES_END].join('\n');
}

/** The passages a system message carries (what the fake model reads). */
export function passagesOf(system: string): PromptPassage[] {
  const start = system.indexOf(PASSAGES_HEADING);
  const end = system.indexOf(PASSAGES_END, start);
  if (start < 0 || end < 0) return [];
  const passages: PromptPassage[] = [];
  for (const line of system.slice(start + PASSAGES_HEADING.length, end).split('\n')) {
    const match = /^\[(\d+)\] (.*)$/.exec(line.trim());
    if (match) passages.push({ number: Number(match[1]), text: match[2]! });
  }
  return passages;
}

/** The passage numbers an answer cites (`[2]`, `[1][3]`, `[1, 3]`). */
export function citedPassages(answer: string): number[] {
  const cited = new Set<number>();
  for (const match of answer.matchAll(/\[(\d+(?:\s*,\s*\d+)*)\]/g)) {
    for (const part of match[1]!.split(',')) cited.add(Number(part.trim()));
  }
  return [...cited].sort((a, b) => a - b);
}

/** The answer as the customer reads it: citations removed, spaces tidied. */
export function withoutCitations(answer: string): string {
  return answer
    .replace(/\s*\[(\d+(?:\s*,\s*\d+)*)\]/g, '')
    .replace(/[ \t]+\n/g, '\n')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
