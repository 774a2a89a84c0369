import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Box, Label } from '@adminjs/design-system';
import type { BasePropertyProps } from 'adminjs';
import { themeColor } from './theme-tokens.ts';

const Pre = styled.pre`
  white-space: pre-wrap;
  word-break: break-word;
  background: ${themeColor('grey20')};
  padding: 12px;
  border-radius: 4px;
  max-block-size: 600px;
  overflow: auto;
`;

const indented = (raw: string): string => {
  try {
    return JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    // Unparseable deliveries are shown exactly as received.
    return raw;
  }
};

/** A webhook's raw body, indented. React renders it as text: nothing in it can run. */
const RawBody = ({ record, property }: BasePropertyProps) => (
  <Box mb="xl">
    <Label>{property.label}</Label>
    <Pre>{indented(String(record?.params[property.path] ?? ''))}</Pre>
  </Box>
);

export default RawBody;
