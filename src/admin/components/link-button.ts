import { styled } from '@adminjs/design-system/styled-components';
import { themeColor } from './theme-tokens.ts';

/** A button that reads as a link: the composer's small actions (cancel, remove, snooze…). */
export const LinkButton = styled.button`
  display: inline-flex;
  align-items: center;
  gap: 4px;
  border: 0;
  background: none;
  padding: 0;
  color: ${themeColor('primary100')};
  font: inherit;
  font-size: 13px;
  cursor: pointer;
  &:disabled {
    color: ${themeColor('grey60')};
    cursor: default;
  }
`;
