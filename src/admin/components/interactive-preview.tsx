import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { themeColor, whatsAppColors } from './theme-tokens.ts';
import type { InteractiveFields } from './use-interactive-draft.ts';
import { useConversationText } from './use-conversation-text.ts';

const Bubble = styled.div`
  max-inline-size: 300px;
  background: ${whatsAppColors.outgoingBubble};
  border: 1px solid ${whatsAppColors.bubbleEdge};
  border-radius: 10px;
  padding: 6px 10px;
  font-size: 14px;
  line-height: 1.4;
  white-space: pre-wrap;
  overflow-wrap: anywhere;
`;

const Header = styled.div`
  font-weight: 700;
`;

const Footer = styled.div`
  font-size: 12px;
  color: ${themeColor('grey60')};
`;

const Choice = styled.div`
  margin-block-start: 4px;
  padding: 6px;
  text-align: center;
  border-block-start: 1px solid ${whatsAppColors.bubbleEdge};
  color: ${whatsAppColors.readTick};
  font-weight: 600;
`;

const Rows = styled.ul`
  margin: 6px 0 0;
  padding: 0;
  list-style: none;
  font-size: 13px;
  border-block-start: 1px solid ${whatsAppColors.bubbleEdge};
  li {
    padding-block: 3px;
  }
  small {
    display: block;
    color: ${themeColor('grey60')};
  }
`;

/** How the customer will see the message on their phone: its text, then the buttons, the list's rows, or the link button. */
export const InteractivePreview = ({ fields }: { fields: InteractiveFields }) => {
  const { tm } = useConversationText();
  return (
    <Bubble dir="auto" data-testid="interactive-preview" aria-label={tm('composer.interactive.preview')}>
      {fields.header.trim() ? <Header>{fields.header}</Header> : null}
      <div>{fields.body || tm('composer.interactive.bodyPlaceholder')}</div>
      {fields.footer.trim() ? <Footer>{fields.footer}</Footer> : null}
      {fields.kind === 'button' ? fields.buttons.map((title, i) => <Choice key={i}>{title || '…'}</Choice>) : null}
      {fields.kind === 'list' ? (
        <>
          <Choice>☰ {fields.listButton || '…'}</Choice>
          <Rows>
            {fields.rows.map((row, i) => (
              <li key={i}>
                {row.title || '…'}
                {row.description ? <small>{row.description}</small> : null}
              </li>
            ))}
          </Rows>
        </>
      ) : null}
      {fields.kind === 'cta_url' ? <Choice>↗ {fields.ctaText || '…'}</Choice> : null}
    </Bubble>
  );
};
