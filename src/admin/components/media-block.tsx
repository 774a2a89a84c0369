import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { MessageContent } from '../../conversations/read/conversation-message-content.js';
import type { TimelineMessage } from '../../conversations/read/conversation-timeline.js';
import { mediaUrl } from './admin-paths.ts';
import { Card, Label } from './content-parts.ts';
import { DocumentCard } from './document-card.tsx';
import { MediaState } from './media-state.tsx';
import { MessageBody } from './message-body.tsx';
import { themeColor } from './theme-tokens.ts';
import { useConversationText } from './use-conversation-text.ts';

export type MediaContent = Extract<MessageContent, { kind: 'image' | 'video' | 'audio' | 'document' | 'sticker' }>;

const Preview = styled.img`
  display: block;
  max-inline-size: 280px;
  max-block-size: 320px;
  border-radius: 6px;
  margin-block-end: 4px;
  background: ${themeColor('grey20')};
`;

const Sticker = styled.img`
  display: block;
  inline-size: 128px;
  block-size: 128px;
  object-fit: contain;
`;

const Player = styled.video`
  display: block;
  max-inline-size: 320px;
  border-radius: 6px;
  margin-block-end: 4px;
`;

const Audio = styled.audio`
  max-inline-size: 280px;
`;

/** A file the customer or an agent sent: from the permission-checked media route once stored, else why it is not there. */
export const MediaBlock = ({ message, content }: { message: TimelineMessage; content: MediaContent }) => {
  const { tm } = useConversationText();
  const { media } = message;
  const src = media?.stored ? mediaUrl(message.id) : null;
  const missing = (label: string) => (
    <Card>
      <Label>{label}</Label>
      <MediaState media={media} />
    </Card>
  );
  switch (content.kind) {
    case 'image':
      return (
        <>
          {src ? (
            <a href={src} target="_blank" rel="noopener noreferrer">
              <Preview src={src} alt={content.caption ?? tm('conversationView.kind.image')} loading="lazy" />
            </a>
          ) : (
            missing(tm('conversationView.kind.image'))
          )}
          <MessageBody text={content.caption} />
        </>
      );
    case 'sticker':
      return src ? (
        <Sticker src={src} alt={tm('conversationView.kind.sticker')} loading="lazy" />
      ) : (
        missing(tm(content.animated ? 'conversationView.kind.animatedSticker' : 'conversationView.kind.sticker'))
      );
    case 'video':
      return (
        <>
          {src ? <Player src={src} controls preload="metadata" /> : missing(tm('conversationView.kind.video'))}
          <MessageBody text={content.caption} />
        </>
      );
    case 'audio':
      return (
        <Card>
          <Label>{tm(content.voice ? 'conversationView.kind.voice' : 'conversationView.kind.audio')}</Label>
          {src ? <Audio src={src} controls preload="none" /> : <MediaState media={media} />}
        </Card>
      );
    case 'document':
      return <DocumentCard content={content} media={media} src={src} />;
  }
};
