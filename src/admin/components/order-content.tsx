import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { MessageContent } from '../../conversations/read/conversation-message-content.js';
import { Caption, Card, Label } from './content-parts.ts';
import { useConversationText } from './use-conversation-text.ts';

const Items = styled.ul`
  margin: 0;
  padding-inline-start: 18px;
`;

/** An order from the catalogue: what, how many, at what price. */
export const OrderContent = ({ content }: { content: Extract<MessageContent, { kind: 'order' }> }) => {
  const { tm } = useConversationText();
  return (
    <Card>
      <Label>{tm('conversationView.kind.order')}</Label>
      {content.text ? <Caption dir="auto">{content.text}</Caption> : null}
      <Items>
        {content.items.map((item, i) => (
          <li key={i} dir="auto">
            {tm('conversationView.order.item', { quantity: item.quantity ?? '?', product: item.productId })}
            {item.price !== null ? ` — ${tm('conversationView.order.price', { price: item.price, currency: item.currency ?? '' })}` : ''}
          </li>
        ))}
      </Items>
    </Card>
  );
};
