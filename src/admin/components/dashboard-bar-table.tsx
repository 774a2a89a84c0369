import React, { type ReactNode } from 'react';
import { BarCell, FigureTable, type ChartColor } from './dashboard-parts.tsx';
import { useDashboardText } from './use-dashboard-text.ts';

export interface BarRow {
  key: string;
  label: ReactNode;
  value: number;
  color: ChartColor;
  /** The row's data-* attributes (tests and styles find rows by them). */
  data: Record<`data-${string}`, string>;
}

interface BarTableProps {
  labelTitle: string;
  valueTitle: string;
  rows: BarRow[];
  /** How wide the bars' column is. */
  share: string;
  /** Labels in normal weight (sentences rather than names). */
  plainLabels?: boolean;
}

/** A table of figures with a bar beside each, the longest bar for the largest figure. */
export const BarTable = ({ labelTitle, valueTitle, rows, share, plainLabels }: BarTableProps) => {
  const { f } = useDashboardText();
  const max = Math.max(1, ...rows.map((row) => row.value));
  return (
    <FigureTable>
      <thead>
        <tr>
          <th scope="col">{labelTitle}</th>
          <th scope="col" colSpan={2}>
            {valueTitle}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} {...row.data}>
            <th scope="row" style={plainLabels ? { fontWeight: 'normal' } : undefined}>
              {row.label}
            </th>
            <td className="number">{f.n(row.value)}</td>
            <BarCell share={share} value={row.value} max={max} color={row.color} />
          </tr>
        ))}
      </tbody>
    </FigureTable>
  );
};
