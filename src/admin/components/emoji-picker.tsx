import React, { useEffect, useRef } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import data from '@emoji-mart/data';
import ar from '@emoji-mart/data/i18n/ar';
import en from '@emoji-mart/data/i18n/en';
import fr from '@emoji-mart/data/i18n/fr';
import { Picker } from 'emoji-mart';
import { useConversationText } from './use-conversation-text.ts';

// Everything the picker needs is bundled: it never fetches its data or its words from elsewhere.
const WORDS: Record<string, Record<string, unknown>> = { ar, en, fr };

const Popover = styled.div`
  position: absolute;
  inset-block-end: calc(100% + 6px);
  inset-inline-start: 0;
  z-index: 20;
  box-shadow: ${({ theme }) => theme.shadows.card};
  border-radius: 10px;
`;

/**
 * emoji-mart's picker (a web component: emoji in the system's font, search and categories in the
 * agent's language), above what opened it. Mounted while open; a click outside closes it.
 */
export const EmojiPicker = ({ onPick, onClose }: { onPick: (emoji: string) => void; onClose: () => void }) => {
  const { language } = useConversationText();
  const host = useRef<HTMLDivElement>(null);
  const handlers = useRef({ onPick, onClose });
  handlers.current = { onPick, onClose };
  const locale = language && WORDS[language] ? language : 'en';
  useEffect(() => {
    const picker = new Picker({
      data,
      i18n: WORDS[locale],
      locale,
      set: 'native',
      theme: 'light',
      previewPosition: 'none',
      skinTonePosition: 'search',
      autoFocus: true,
      onEmojiSelect: (emoji: { native: string }) => handlers.current.onPick(emoji.native),
      // The click on the button that opened it is still on its way when the picker starts listening:
      // clicks among the picker's neighbours (that button included) are theirs to handle.
      onClickOutside: (event: MouseEvent) => {
        if (!host.current?.parentElement?.contains(event.target as Node)) handlers.current.onClose();
      },
    });
    const element = picker as unknown as HTMLElement;
    host.current?.appendChild(element);
    return () => element.remove();
  }, [locale]);
  return <Popover ref={host} data-testid="emoji-picker" />;
};
