import React from 'react';
import { H3, Link, Text } from '@adminjs/design-system';
import { ViewHelpers } from 'adminjs';
import type { OpenConversationsOfAssignee } from '../../dashboard/dashboard-figures.js';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { BarCell, CHART, Card, FigureTable, Help } from './dashboard-parts.tsx';
import { useDashboardText } from './use-dashboard-text.ts';

/** Open conversations per agent (unassigned first), each linking to that agent's open list. */
export const OpenByAssignee = ({ rows }: { rows: OpenConversationsOfAssignee[] }) => {
  const { tm, f } = useDashboardText();
  const max = Math.max(1, ...rows.map((r) => r.open));
  const h = new ViewHelpers();
  return (
    <Card data-testid="chart-open-by-assignee" aria-labelledby="dashboard-open-by-assignee">
      <H3 id="dashboard-open-by-assignee">{tm('dashboard.openByAssignee.title')}</H3>
      <Help>{tm('dashboard.openByAssignee.help')}</Help>
      {rows.length === 0 ? (
        <Text>{tm('dashboard.openByAssignee.none')}</Text>
      ) : (
        <FigureTable>
          <thead>
            <tr>
              <th scope="col">{tm('dashboard.openByAssignee.assignee')}</th>
              <th scope="col" colSpan={2}>{tm('dashboard.openByAssignee.open')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.assigneeId ?? 'unassigned'} data-testid="open-assignee" data-assignee-id={r.assigneeId ?? ''}>
                <th scope="row">
                  {r.assigneeId ? (
                    <Link href={h.listUrl(RESOURCE_IDS.conversations, `?filters.status=open&filters.assigneeId=${encodeURIComponent(r.assigneeId)}`)}>{r.assigneeName}</Link>
                  ) : (
                    <em>{tm('dashboard.openByAssignee.unassigned')}</em>
                  )}
                </th>
                <td className="number">{f.n(r.open)}</td>
                <BarCell share="55%" value={r.open} max={max} color={r.assigneeId ? CHART.inbound : CHART.neutral} />
              </tr>
            ))}
          </tbody>
        </FigureTable>
      )}
    </Card>
  );
};
