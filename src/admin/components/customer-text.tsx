import React, { type ReactNode } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { themeColor } from './theme-tokens.ts';

// Direction overrides, embeddings and isolates (U+202A–U+202E, U+2066–U+2069) make text read
// otherwise than it is: "\u202Egnp.exe" shows as "exe.png". The marks LRM, RLM and ALM only
// nudge neutral characters and are common in Arabic text: they stay.
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

const codePoint = (character: string) => `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;

const Control = styled.span`
  color: ${themeColor('warning')};
  font-size: 0.85em;
`;

/** The text with each direction control shown as a visible, muted ⟨U+202E⟩ instead of obeyed. */
export const revealDirectionControls = (text: string): ReactNode[] => {
  const parts: ReactNode[] = [];
  let last = 0;
  for (const match of text.matchAll(DIRECTION_CONTROLS)) {
    if (match.index > last) parts.push(text.slice(last, match.index));
    parts.push(
      <Control key={match.index} data-direction-control title={codePoint(match[0])}>
        ⟨{codePoint(match[0])}⟩
      </Control>,
    );
    last = match.index + match[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
};

/** What may name a saved file: the same text without its direction controls. */
export const withoutDirectionControls = (text: string): string => text.replace(DIRECTION_CONTROLS, '');

/**
 * Text a customer wrote (a message, a profile name, a file name): isolated from what surrounds
 * it (<bdi>, its own direction) and with its direction controls shown, never obeyed. The stored
 * text keeps every character; only its display changes.
 */
export const CustomerText = ({ text, children }: { text?: string; children?: ReactNode }) => (
  <bdi data-customer-text>{children ?? revealDirectionControls(text ?? '')}</bdi>
);
