import { styled } from '@adminjs/design-system/styled-components';
import { themeColor, whatsAppColors } from './theme-tokens.ts';

// The pieces a bubble's content is made of, shared by every kind of message.

export const Caption = styled.div`
  white-space: pre-wrap;
  overflow-wrap: anywhere;
  text-align: start;
`;

export const Muted = styled.div`
  color: ${themeColor('grey60')};
  font-size: 12px;
`;

export const Card = styled.div`
  border: 1px solid ${themeColor('border')};
  border-radius: 6px;
  padding: 8px 10px;
  margin-block: 2px 4px;
  background: ${whatsAppColors.cardTint};
`;

export const Label = styled.div`
  font-size: 11px;
  font-weight: 600;
  text-transform: uppercase;
  letter-spacing: 0.02em;
  color: ${themeColor('grey60')};
  margin-block-end: 2px;
`;

export const Strong = styled.div`
  font-weight: 600;
  overflow-wrap: anywhere;
`;
