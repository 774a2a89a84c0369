import React from 'react';
import type { MessageContent } from '../../conversations/read/conversation-message-content.js';
import type { TimelineMedia } from '../../conversations/read/conversation-timeline.js';
import { Card, Label, Muted, Strong } from './content-parts.ts';
import { CustomerText, withoutDirectionControls } from './customer-text.tsx';
import { MediaState } from './media-state.tsx';
import { MessageBody } from './message-body.tsx';
import { formatSize } from './message-format.ts';
import { useConversationText } from './use-conversation-text.ts';

interface DocumentCardProps {
  content: Extract<MessageContent, { kind: 'document' }>;
  media: TimelineMedia | null;
  /** The stored file, when there is one. */
  src: string | null;
}

/** A document: its name, type and size, and the download once the file is stored. */
export const DocumentCard = ({ content, media, src }: DocumentCardProps) => {
  const { tm, language } = useConversationText();
  const name = media?.fileName ?? content.fileName ?? tm('conversationView.kind.document');
  return (
    <>
      <Card>
        <Label>{tm('conversationView.kind.document')}</Label>
        <Strong dir="auto" data-testid="document-name">
          📄 <CustomerText text={name} />
        </Strong>
        <Muted>{[media?.mimeType, formatSize(media?.size, language)].filter(Boolean).join(' · ')}</Muted>
        {src ? (
          <a href={src} download={withoutDirectionControls(name)} rel="noopener noreferrer">
            {tm('conversationView.media.download')}
          </a>
        ) : (
          <MediaState media={media} />
        )}
      </Card>
      <MessageBody text={content.caption} />
    </>
  );
};
