import React, { useRef } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Icon } from '@adminjs/design-system';
import { MEDIA_TYPES, type AttachmentKind } from '../../domain/media-rules.ts';
import { EmojiPicker } from './emoji-picker.tsx';
import { themeColor } from './theme-tokens.ts';
import type { ComposerApi } from './use-composer.ts';
import { useConversationText } from './use-conversation-text.ts';

const Tools = styled.div`
  position: relative;
  display: flex;
  gap: 2px;
  align-self: center;
`;

export const Tool = styled.button<{ $on?: boolean }>`
  inline-size: 34px;
  block-size: 34px;
  border: 0;
  border-radius: 50%;
  background: ${({ $on, theme }) => ($on ? theme.colors.grey40 : 'transparent')};
  color: ${themeColor('grey80')};
  display: inline-flex;
  align-items: center;
  justify-content: center;
  cursor: pointer;
  &:hover {
    background: ${themeColor('grey40')};
  }
  &:disabled {
    opacity: 0.4;
    cursor: default;
  }
`;

const Menu = styled.ul`
  position: absolute;
  inset-block-end: calc(100% + 6px);
  inset-inline-start: 0;
  z-index: 20;
  margin: 0;
  padding: 4px 0;
  list-style: none;
  min-inline-size: 200px;
  background: ${themeColor('white')};
  border: 1px solid ${themeColor('grey40')};
  border-radius: 8px;
  box-shadow: ${({ theme }) => theme.shadows.card};
  button {
    display: flex;
    align-items: center;
    gap: 8px;
    inline-size: 100%;
    border: 0;
    background: none;
    padding: 6px 12px;
    font: inherit;
    font-size: 14px;
    text-align: start;
    cursor: pointer;
  }
  button:hover {
    background: ${themeColor('grey20')};
  }
`;

const Hidden = styled.input`
  display: none;
`;

// What each picker offers: the types Meta takes for that kind (photos and videos share one, as in WhatsApp Web).
const ACCEPT: Record<'media' | 'audio' | 'document', string> = {
  media: [...MEDIA_TYPES.image, ...MEDIA_TYPES.video].join(','),
  audio: MEDIA_TYPES.audio.join(','),
  document: MEDIA_TYPES.document.join(','),
};

/** The composer's tools before the box: emoji, attach (photos and videos, audio, document), interactive message. */
export const ComposerTools = ({ composer, replying }: { composer: ComposerApi; replying: boolean }) => {
  const { tm } = useConversationText();
  const files = { media: useRef<HTMLInputElement>(null), audio: useRef<HTMLInputElement>(null), document: useRef<HTMLInputElement>(null) };
  const { open, setOpen } = composer;
  const toggle = (panel: NonNullable<typeof open>) => setOpen(open === panel ? null : panel);
  const pick = (which: keyof typeof files, kind?: AttachmentKind) => (event: React.ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (file) composer.attachment.attach(file, kind);
    setOpen(null);
  };
  const insertEmoji = (emoji: string) => {
    const field = composer.input.current;
    const at = field?.selectionStart ?? composer.draft.text.length;
    const text = `${composer.draft.text.slice(0, at)}${emoji}${composer.draft.text.slice(field?.selectionEnd ?? at)}`;
    composer.update({ text });
    requestAnimationFrame(() => {
      field?.focus();
      field?.setSelectionRange(at + emoji.length, at + emoji.length);
    });
  };
  return (
    <Tools>
      <Tool type="button" $on={open === 'emoji'} onClick={() => toggle('emoji')} aria-label={tm('composer.tools.emoji')} title={tm('composer.tools.emoji')} data-testid="composer-emoji">
        <Icon icon="Smile" />
      </Tool>
      {open === 'emoji' ? <EmojiPicker onPick={insertEmoji} onClose={() => setOpen(null)} /> : null}
      {replying ? (
        <>
          <Tool type="button" $on={open === 'attach'} onClick={() => toggle('attach')} aria-label={tm('composer.tools.attach')} title={tm('composer.tools.attach')} data-testid="composer-attach">
            <Icon icon="Paperclip" />
          </Tool>
          {open === 'attach' ? (
            <Menu role="menu">
              <li>
                <button type="button" role="menuitem" onClick={() => files.media.current?.click()} data-testid="attach-media">
                  <Icon icon="Image" /> {tm('composer.tools.photosAndVideos')}
                </button>
              </li>
              <li>
                <button type="button" role="menuitem" onClick={() => files.audio.current?.click()} data-testid="attach-audio">
                  <Icon icon="Music" /> {tm('composer.tools.audio')}
                </button>
              </li>
              <li>
                <button type="button" role="menuitem" onClick={() => files.document.current?.click()} data-testid="attach-document">
                  <Icon icon="FileText" /> {tm('composer.tools.document')}
                </button>
              </li>
            </Menu>
          ) : null}
          <Hidden ref={files.media} type="file" accept={ACCEPT.media} onChange={pick('media')} data-testid="attach-media-input" />
          <Hidden ref={files.audio} type="file" accept={ACCEPT.audio} onChange={pick('audio', 'audio')} data-testid="attach-audio-input" />
          <Hidden ref={files.document} type="file" accept={ACCEPT.document} onChange={pick('document', 'document')} data-testid="attach-document-input" />
          <Tool
            type="button"
            $on={open === 'interactive'}
            onClick={() => toggle('interactive')}
            aria-label={tm('composer.tools.interactive')}
            title={tm('composer.tools.interactive')}
            data-testid="composer-interactive"
          >
            <Icon icon="List" />
          </Tool>
        </>
      ) : null}
    </Tools>
  );
};
