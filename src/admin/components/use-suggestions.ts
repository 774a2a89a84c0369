import { useState } from 'react';

/** A word being typed after `/` (canned replies) or `@` (mentions), at the caret. */
export interface TypedToken {
  trigger: '/' | '@';
  query: string;
  /** Where the token starts in the text (its trigger character). */
  start: number;
  end: number;
}

// At the start of the text or after a space, up to the caret: `/shortcut` or `@Na me` (names have spaces).
const TOKEN = { '/': /(^|\s)\/([\p{L}\p{N}_-]*)$/u, '@': /(^|\s)@([\p{L}\p{N}_' -]{0,40})$/u } as const;

export function tokenAt(text: string, caret: number, trigger: '/' | '@'): TypedToken | null {
  const before = text.slice(0, caret);
  const match = TOKEN[trigger].exec(before);
  if (!match) return null;
  const start = before.length - match[2]!.length - 1;
  return { trigger, query: match[2]!, start, end: caret };
}

/** A list of choices under the box, walked with ↑/↓ and taken with Enter or Tab (Escape closes it). */
export const useSuggestions = <T>(choices: readonly T[]) => {
  const [active, setActive] = useState(0);
  const [dismissed, setDismissed] = useState(false);
  const index = choices.length ? Math.min(active, choices.length - 1) : -1;
  const open = choices.length > 0 && !dismissed;
  /** Handles the key when the list is open; true when it did (the box must not act on it). */
  const onKey = (key: string, take: (choice: T) => void): boolean => {
    if (!open) return false;
    if (key === 'ArrowDown') setActive((index + 1) % choices.length);
    else if (key === 'ArrowUp') setActive((index - 1 + choices.length) % choices.length);
    else if (key === 'Enter' || key === 'Tab') take(choices[index]!);
    else if (key === 'Escape') setDismissed(true);
    else return false;
    return true;
  };
  const reset = () => {
    setActive(0);
    setDismissed(false);
  };
  return { open, index, onKey, reset };
};
