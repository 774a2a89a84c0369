import React from 'react';
import { Text } from '@adminjs/design-system';
import type { FailureReason } from '../../reports/dashboard-figures.js';
import { BarTable } from './dashboard-bar-table.tsx';
import { ChartCard } from './dashboard-chart-card.tsx';
import { CHART, NeutralText } from './dashboard-parts.tsx';
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
  const { tm } = useDashboardText();
  return (
    <ChartCard id="dashboard-failures" testId="chart-failures-by-reason" title={tm('dashboard.failures.title')} help={tm('dashboard.failures.help', { days })}>
      {rows.length === 0 ? (
        <Text>{tm('dashboard.failures.none')}</Text>
      ) : (
        <BarTable
          labelTitle={tm('dashboard.failures.reason')}
          valueTitle={tm('dashboard.failures.count')}
          share="35%"
          plainLabels
          rows={rows.map((r, index) => ({
            key: String(index),
            label: <Reason row={r} />,
            value: r.failures,
            color: CHART.failure,
            data: { 'data-testid': 'failure-reason', 'data-error-code': r.errorCode === null ? '' : String(r.errorCode) },
          }))}
        />
      )}
    </ChartCard>
  );
};
