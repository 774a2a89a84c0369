import React from 'react';
import { H3 } from '@adminjs/design-system';
import type { WebhookEventsOfStatus } from '../../dashboard/dashboard-figures.js';
import { BarCell, CHART, Card, FigureTable, Help, type ChartColor } from './dashboard-parts.tsx';
import { useDashboardText } from './use-dashboard-text.ts';

const colorOf = (status: WebhookEventsOfStatus['status']): ChartColor =>
  status === 'processed' ? CHART.outbound : status === 'received' ? CHART.inbound : CHART.failure;

/** Meta's deliveries by what became of them. */
export const WebhookEventsCard = ({ rows, days }: { rows: WebhookEventsOfStatus[]; days: number }) => {
  const { tm, f } = useDashboardText();
  const max = Math.max(1, ...rows.map((r) => r.events));
  return (
    <Card data-testid="chart-webhook-events" aria-labelledby="dashboard-webhook-events">
      <H3 id="dashboard-webhook-events">{tm('dashboard.webhookEvents.title')}</H3>
      <Help>{tm('dashboard.webhookEvents.help', { days })}</Help>
      <FigureTable>
        <thead>
          <tr>
            <th scope="col">{tm('dashboard.webhookEvents.status')}</th>
            <th scope="col" colSpan={2}>{tm('dashboard.webhookEvents.events')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.status} data-testid="webhook-status" data-status={r.status}>
              <th scope="row" style={{ fontWeight: 'normal' }}>{tm(`dashboard.webhookEvents.statuses.${r.status}`)}</th>
              <td className="number">{f.n(r.events)}</td>
              <BarCell share="50%" value={r.events} max={max} color={colorOf(r.status)} />
            </tr>
          ))}
        </tbody>
      </FigureTable>
    </Card>
  );
};
