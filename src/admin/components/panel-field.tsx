import React, { type ReactNode } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { themeColor } from './theme-tokens.ts';

const Field = styled.div`
  display: grid;
  grid-template-columns: minmax(90px, 40%) 1fr;
  gap: 8px;
  padding-block: 3px;
  font-size: 13px;
`;

const Name = styled.span`
  color: ${themeColor('grey60')};
`;

/** A value of the side panel; muted when it says there is nothing (no lead, nobody assigned). */
export const Value = styled.span<{ $muted?: boolean }>`
  overflow-wrap: anywhere;
  color: ${({ $muted, theme }) => ($muted ? theme.colors.grey60 : theme.colors.grey100)};
`;

export const PanelField = ({ label, children, muted, testId }: { label: string; children: ReactNode; muted?: boolean; testId?: string }) => (
  <Field data-testid={testId}>
    <Name>{label}</Name>
    <Value $muted={muted} dir="auto">
      {children}
    </Value>
  </Field>
);
