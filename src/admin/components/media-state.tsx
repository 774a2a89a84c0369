import React from 'react';
import type { TimelineMedia } from '../../conversations/read/conversation-timeline.js';
import { Muted } from './content-parts.ts';
import { ExternalLink } from './external-link.tsx';
import { useConversationText } from './use-conversation-text.ts';

/** Why a file is not shown: its download failed (and why), it was sent by link, or it is on its way. */
export const MediaState = ({ media }: { media: TimelineMedia | null }) => {
  const { tm } = useConversationText();
  if (media?.error) return <Muted>{tm(`conversationView.media.error.${media.error}`, { defaultValue: media.error })}</Muted>;
  if (media?.link) {
    return (
      <Muted>
        <ExternalLink href={media.link}>{tm('conversationView.media.sentByLink')}</ExternalLink>
      </Muted>
    );
  }
  return <Muted>{tm('conversationView.media.notYet')}</Muted>;
};
