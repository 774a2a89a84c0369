import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { AttachmentProblem } from '../../domain/media-rules.ts';
import { MESSAGE_LIMITS } from '../../domain/message-limits.ts';
import { CustomerText } from './customer-text.tsx';
import { formatSize } from './message-format.ts';
import { themeColor } from './theme-tokens.ts';
import type { AttachmentApi } from './use-attachment.ts';
import { useConversationText, type ConversationText } from './use-conversation-text.ts';

const Panel = styled.div`
  display: flex;
  gap: 12px;
  align-items: flex-start;
  background: ${themeColor('white')};
  border: 1px solid ${themeColor('grey40')};
  border-radius: 8px;
  padding: 8px;
`;

const Media = styled.div`
  flex: 0 0 auto;
  max-inline-size: 220px;
  img,
  video {
    display: block;
    max-inline-size: 220px;
    max-block-size: 180px;
    border-radius: 6px;
  }
  audio {
    max-inline-size: 220px;
  }
`;

const Details = styled.div`
  flex: 1;
  display: flex;
  flex-direction: column;
  gap: 6px;
  min-inline-size: 0;
`;

const Name = styled.div`
  font-size: 13px;
  overflow-wrap: anywhere;
`;

const Problem = styled.div`
  color: ${themeColor('error')};
  font-size: 13px;
`;

const Caption = styled.input`
  font: inherit;
  font-size: 14px;
  padding: 6px 8px;
  border: 1px solid ${themeColor('grey40')};
  border-radius: 6px;
`;

const Remove = styled.button`
  border: 0;
  background: none;
  color: ${themeColor('grey60')};
  cursor: pointer;
  font-size: 18px;
  line-height: 1;
`;

/** Meta's refusal, said before anything is uploaded: which types a kind takes, or how large it may be. */
const problemText = (problem: AttachmentProblem, tm: ConversationText['tm'], language?: string) => {
  if (problem.code === 'empty') return tm('composer.attachment.empty');
  if (problem.code === 'too-large') {
    return tm('composer.attachment.tooLarge', { kind: tm(`composer.attachment.kind.${problem.kind}`), max: formatSize(problem.maxBytes, language), size: formatSize(problem.size, language) });
  }
  return tm('composer.attachment.unsupported', { kind: tm(`composer.attachment.kind.${problem.kind}`), type: problem.mimeType });
};

/** What will be sent: the file as the customer will see it, its caption (not for sounds; Enter sends), or why it cannot go. */
export const AttachmentPreview = ({ api, onSend }: { api: AttachmentApi; onSend: () => void }) => {
  const { tm, language } = useConversationText();
  const { attachment } = api;
  if (!attachment) return null;
  const { kind, previewUrl, problem, file } = attachment;
  return (
    <Panel data-testid="attachment-preview" data-kind={kind}>
      {previewUrl ? (
        <Media>
          {kind === 'image' ? <img src={previewUrl} alt={file.name} /> : null}
          {kind === 'video' ? <video src={previewUrl} controls preload="metadata" /> : null}
          {kind === 'audio' ? <audio src={previewUrl} controls preload="metadata" /> : null}
        </Media>
      ) : null}
      <Details>
        <Name>
          {tm(`composer.attachment.kind.${kind}`)} · <CustomerText text={file.name} /> · {formatSize(file.size, language)}
        </Name>
        {problem ? (
          <Problem role="alert" data-testid="attachment-problem">
            {problemText(problem, tm, language)}
          </Problem>
        ) : kind !== 'audio' ? (
          <Caption
            dir="auto"
            value={api.caption}
            maxLength={MESSAGE_LIMITS.caption}
            onChange={(event) => api.setCaption(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter' && !event.nativeEvent.isComposing) {
                event.preventDefault();
                onSend();
              }
            }}
            placeholder={tm('composer.attachment.caption')}
            aria-label={tm('composer.attachment.caption')}
            data-testid="attachment-caption"
          />
        ) : null}
      </Details>
      <Remove type="button" onClick={api.clear} aria-label={tm('composer.attachment.remove')} title={tm('composer.attachment.remove')} data-testid="attachment-remove">
        ×
      </Remove>
    </Panel>
  );
};
