import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { Theme } from '@adminjs/design-system';
import { themeColor } from './theme-tokens.ts';

// The dashboard's cards and charts. Charts are plain CSS bars beside their numbers, inside real
// tables (a screen reader reads the figures; the bars are decoration). Only logical properties:
// in Arabic the whole page mirrors without a special case.

export type ChartColor = keyof Theme['colors'];

export const CHART = { inbound: 'primary100', outbound: 'success', neutral: 'grey60', failure: 'error' } as const satisfies Record<string, ChartColor>;

export const Card = styled.section`
  background: ${themeColor('white')};
  border-radius: 4px;
  padding-block: 20px;
  padding-inline: 24px;
  min-inline-size: 0;
`;

export const Help = styled.p`
  color: ${themeColor(CHART.neutral)};
  font-size: 13px;
  line-height: 1.5;
  margin-block: 4px 16px;
`;

export const FigureTable = styled.table`
  inline-size: 100%;
  border-collapse: collapse;
  font-size: 13px;
  th,
  td {
    text-align: start;
    padding-block: 4px;
    padding-inline-end: 12px;
    vertical-align: middle;
  }
  th {
    color: ${themeColor(CHART.neutral)};
    font-weight: normal;
    border-block-end: 1px solid ${themeColor('border')};
  }
  td.number {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
`;

export const NeutralText = styled.div`
  color: ${themeColor(CHART.neutral)};
`;

const Track = styled.div`
  inline-size: 100%;
  min-inline-size: 60px;
  block-size: 10px;
  background: ${themeColor('grey20')};
  border-radius: 2px;
`;

const Fill = styled.div<{ $color: ChartColor }>`
  block-size: 100%;
  border-radius: 2px;
  background: ${({ $color, theme }) => theme.colors[$color]};
`;

export const Swatch = styled.span<{ $color: ChartColor }>`
  display: inline-block;
  inline-size: 10px;
  block-size: 10px;
  background: ${({ $color, theme }) => theme.colors[$color]};
`;

/** A horizontal bar, `value` out of `max`. */
export const Bar = ({ value, max, color }: { value: number; max: number; color: ChartColor }) => (
  <Track aria-hidden="true">
    <Fill $color={color} style={{ inlineSize: `${max > 0 ? (100 * value) / max : 0}%` }} />
  </Track>
);

/** A table cell holding a bar, as wide as the share given. */
export const BarCell = ({ share, ...bar }: { share: string; value: number; max: number; color: ChartColor }) => (
  <td style={{ inlineSize: share }}>
    <Bar {...bar} />
  </td>
);
