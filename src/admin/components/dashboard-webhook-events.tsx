import React from 'react';
import type { WebhookEventsOfStatus } from '../../reports/dashboard-figures.js';
import { BarTable } from './dashboard-bar-table.tsx';
import { ChartCard } from './dashboard-chart-card.tsx';
import { CHART, type ChartColor } from './dashboard-parts.tsx';
import { useDashboardText } from './use-dashboard-text.ts';

const colorOf = (status: WebhookEventsOfStatus['status']): ChartColor =>
  status === 'processed' ? CHART.outbound : status === 'received' ? CHART.inbound : CHART.failure;

/** Meta's deliveries by what became of them. */
export const WebhookEventsCard = ({ rows, days }: { rows: WebhookEventsOfStatus[]; days: number }) => {
  const { tm } = useDashboardText();
  return (
    <ChartCard id="dashboard-webhook-events" testId="chart-webhook-events" title={tm('dashboard.webhookEvents.title')} help={tm('dashboard.webhookEvents.help', { days })}>
      <BarTable
        labelTitle={tm('dashboard.webhookEvents.status')}
        valueTitle={tm('dashboard.webhookEvents.events')}
        share="50%"
        plainLabels
        rows={rows.map((r) => ({
          key: r.status,
          label: tm(`dashboard.webhookEvents.statuses.${r.status}`),
          value: r.events,
          color: colorOf(r.status),
          data: { 'data-testid': 'webhook-status', 'data-status': r.status },
        }))}
      />
    </ChartCard>
  );
};
