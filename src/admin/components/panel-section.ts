import { styled } from '@adminjs/design-system/styled-components';
import { themeColor } from './theme-tokens.ts';

// The boxes of the side panel and its forms, and the native select they share with the template picker.

export const Section = styled.section`
  background: ${themeColor('white')};
  border: 1px solid ${themeColor('border')};
  border-radius: 8px;
  padding: 12px 14px;
`;

export const Heading = styled.h3`
  margin: 0 0 8px;
  font-size: 12px;
  font-weight: 700;
  text-transform: uppercase;
  letter-spacing: 0.04em;
  color: ${themeColor('grey60')};
`;

/** A box's scrolling list, one entry a line (the audit trail, the customer's earlier conversations). */
export const PanelList = styled.ol`
  list-style: none;
  margin: 0;
  padding: 0;
  max-block-size: 250px;
  overflow-y: auto;
`;

export const PanelListItem = styled.li`
  font-size: 12px;
  padding-block: 5px;
  border-block-end: 1px solid ${themeColor('grey20')};
  &:last-child {
    border-block-end: 0;
  }
`;

export const Select = styled.select`
  inline-size: 100%;
  padding: 8px;
  border: 1px solid ${themeColor('inputBorder')};
  border-radius: 4px;
  font: inherit;
  background: ${themeColor('white')};
`;
