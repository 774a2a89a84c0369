import { styled } from '@adminjs/design-system/styled-components';
import { themeColor } from './theme-tokens.ts';

// The small rounded controls of the Inbox page's list pane: its bars, pill buttons and pill menus.

/** A row of controls under the tabs. */
export const ControlBar = styled.div`
  display: flex;
  flex-wrap: wrap;
  align-items: center;
  gap: 6px;
  padding: 6px 12px;
  font-size: 12px;
  border-block-end: 1px solid ${themeColor('grey20')};
`;

/** A pill button; `$on` when the filter it toggles is applied. */
export const PillButton = styled.button<{ $on?: boolean }>`
  border: 1px solid ${({ $on, theme }) => ($on ? theme.colors.primary100 : theme.colors.grey40)};
  border-radius: 14px;
  background: ${({ $on, theme }) => ($on ? theme.colors.primary20 : theme.colors.white)};
  color: ${({ $on, theme }) => ($on ? theme.colors.primary100 : theme.colors.grey80)};
  padding: 2px 10px;
  font: inherit;
  font-size: 12px;
  cursor: pointer;
`;

/** A pill-shaped native menu (a choice among a few). */
export const PillSelect = styled.select`
  max-inline-size: 150px;
  border: 1px solid ${themeColor('grey40')};
  border-radius: 14px;
  background: ${themeColor('white')};
  padding: 2px 8px;
  font: inherit;
  font-size: 12px;
`;

/** A text button, for secondary actions (clear, cancel, save this view). */
export const LinkButton = styled.button`
  border: 0;
  background: none;
  color: ${themeColor('primary100')};
  font: inherit;
  font-size: 12px;
  cursor: pointer;
`;
