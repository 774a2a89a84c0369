import React from 'react';
import { Link, Text } from '@adminjs/design-system';
import { ViewHelpers } from 'adminjs';
import type { OpenConversationsOfAssignee } from '../../reports/dashboard-figures.js';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { BarTable } from './dashboard-bar-table.tsx';
import { ChartCard } from './dashboard-chart-card.tsx';
import { CHART } from './dashboard-parts.tsx';
import { useDashboardText } from './use-dashboard-text.ts';

/** Open conversations per agent (unassigned first), each linking to that agent's open list. */
export const OpenByAssignee = ({ rows }: { rows: OpenConversationsOfAssignee[] }) => {
  const { tm } = useDashboardText();
  const h = new ViewHelpers();
  const openListOf = (assigneeId: string) => h.listUrl(RESOURCE_IDS.conversations, `?filters.status=open&filters.assigneeId=${encodeURIComponent(assigneeId)}`);
  return (
    <ChartCard id="dashboard-open-by-assignee" testId="chart-open-by-assignee" title={tm('dashboard.openByAssignee.title')} help={tm('dashboard.openByAssignee.help')}>
      {rows.length === 0 ? (
        <Text>{tm('dashboard.openByAssignee.none')}</Text>
      ) : (
        <BarTable
          labelTitle={tm('dashboard.openByAssignee.assignee')}
          valueTitle={tm('dashboard.openByAssignee.open')}
          share="55%"
          rows={rows.map((r) => ({
            key: r.assigneeId ?? 'unassigned',
            label: r.assigneeId ? <Link href={openListOf(r.assigneeId)}>{r.assigneeName}</Link> : <em>{tm('dashboard.openByAssignee.unassigned')}</em>,
            value: r.open,
            color: r.assigneeId ? CHART.inbound : CHART.neutral,
            data: { 'data-testid': 'open-assignee', 'data-assignee-id': r.assigneeId ?? '' },
          }))}
        />
      )}
    </ChartCard>
  );
};
