import React from 'react';
import { H3, Text } from '@adminjs/design-system';
import type { FailureReason } from '../../dashboard/dashboard-figures.js';
import { BarCell, CHART, Card, FigureTable, Help, NeutralText } from './dashboard-parts.tsx';
import { useDashboardText } from './use-dashboard-text.ts';

/** A failure's reason: our explanation when it was classified, else Meta's title; its code and Meta's title beneath. */
const Reason = ({ row }: { row: FailureReason }) => {
  const { tm } = useDashboardText();
  const both = Boolean(row.explanationKey && row.errorTitle);
  return (
    <>
      <div>{row.explanationKey ? tm(row.explanationKey) : (row.errorTitle ?? tm('dashboard.failures.unknownReason'))}</div>
      {row.errorCode !== null || both ? (
        <NeutralText>
          {row.errorCode !== null ? <>{tm('dashboard.failures.code')} {row.errorCode}</> : null}
          {row.errorCode !== null && both ? ' · ' : ''}
          {both ? <span dir="auto">{row.errorTitle}</span> : null}
        </NeutralText>
      ) : null}
    </>
  );
};

/** Why our messages failed, the most frequent reasons first. */
export const FailuresByReason = ({ rows, days }: { rows: FailureReason[]; days: number }) => {
  const { tm, f } = useDashboardText();
  const max = Math.max(1, ...rows.map((r) => r.failures));
  return (
    <Card data-testid="chart-failures-by-reason" aria-labelledby="dashboard-failures">
      <H3 id="dashboard-failures">{tm('dashboard.failures.title')}</H3>
      <Help>{tm('dashboard.failures.help', { days })}</Help>
      {rows.length === 0 ? (
        <Text>{tm('dashboard.failures.none')}</Text>
      ) : (
        <FigureTable>
          <thead>
            <tr>
              <th scope="col">{tm('dashboard.failures.reason')}</th>
              <th scope="col" colSpan={2}>{tm('dashboard.failures.count')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, index) => (
              <tr key={index} data-testid="failure-reason" data-error-code={r.errorCode ?? ''}>
                <th scope="row" style={{ fontWeight: 'normal' }}>
                  <Reason row={r} />
                </th>
                <td className="number">{f.n(r.failures)}</td>
                <BarCell share="35%" value={r.failures} max={max} color={CHART.failure} />
              </tr>
            ))}
          </tbody>
        </FigureTable>
      )}
    </Card>
  );
};
