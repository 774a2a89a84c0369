import React from 'react';
import { Caption } from './content-parts.ts';
import { TextWithLinks } from './text-with-links.tsx';

/** The customer's words (text, caption, chosen title), as text whichever way it is written. */
export const MessageBody = ({ text }: { text: string | null }) =>
  text ? (
    <Caption dir="auto">
      <TextWithLinks text={text} />
    </Caption>
  ) : null;
