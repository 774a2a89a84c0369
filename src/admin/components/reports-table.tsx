import React, { type ReactNode } from 'react';
import { H3 } from '@adminjs/design-system';
import { styled } from '@adminjs/design-system/styled-components';
import { Card, FigureTable, Help } from './dashboard-parts.tsx';
import { reportCsvUrl } from './admin-paths.ts';
import { useReportsText } from './use-reports-text.ts';

const Head = styled.div`
  display: flex;
  justify-content: space-between;
  align-items: baseline;
  gap: 12px;
`;

const Scroll = styled.div`
  max-block-size: 420px;
  overflow: auto;
`;

interface ReportSectionProps {
  table: string;
  query: Readonly<Record<string, string | undefined>>;
  title: string;
  help: string;
  /** A chart above the table, if any. */
  chart?: ReactNode;
  /** The column headers, translated. */
  columns: string[];
  rows: { key: string; cells: ReactNode[] }[];
}

/** One section of the reports: its title, what it counts, a chart, the figures as a table, and the table as CSV. */
export const ReportSection = ({ table, query, title, help, chart, columns, rows }: ReportSectionProps) => {
  const { tm } = useReportsText();
  return (
    <Card data-testid={`report-section-${table}`} aria-labelledby={`report-section-${table}-title`} style={{ marginBlockEnd: 24 }}>
      <Head>
        <H3 id={`report-section-${table}-title`}>{title}</H3>
        <a href={reportCsvUrl(table, query)} download data-testid={`report-csv-${table}`}>
          {tm('reports.csv')}
        </a>
      </Head>
      <Help>{help}</Help>
      {chart}
      <Scroll>
        <FigureTable>
          <thead>
            <tr>
              {columns.map((column) => (
                <th key={column} scope="col">
                  {column}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key} data-row={row.key}>
                {row.cells.map((cell, i) => (
                  <td key={i} className={i === 0 ? undefined : 'number'}>
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </FigureTable>
      </Scroll>
    </Card>
  );
};
