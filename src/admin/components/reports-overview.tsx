import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { ReportOverview } from '../../reports/load-report.js';
import { Card, Help } from './dashboard-parts.tsx';
import { useReportsText } from './use-reports-text.ts';

const Cards = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(200px, 1fr));
  gap: 16px;
  margin-block-end: 24px;
`;

const Figure = styled.div`
  font-size: 26px;
  font-weight: 600;
  margin-block: 4px;
`;

/** The period at a glance: volumes, response and resolution times, satisfaction, service levels. */
export const ReportsOverview = ({ overview }: { overview: ReportOverview }) => {
  const { tm, f } = useReportsText();
  const slaTotal = overview.sla.met + overview.sla.breached;
  const card = (id: string, title: string, figure: string, help: string) => (
    <Card data-testid={`report-${id}`} aria-labelledby={`report-${id}-title`}>
      <div id={`report-${id}-title`}>{title}</div>
      <Figure data-testid={`report-${id}-figure`}>{figure}</Figure>
      <Help>{help}</Help>
    </Card>
  );
  return (
    <Cards>
      {card('conversations', tm('reports.overview.conversations'), f.n(overview.opened), tm('reports.overview.conversationsHelp', { resolved: f.n(overview.resolved) }))}
      {card('messages', tm('reports.overview.messages'), f.n(overview.inbound), tm('reports.overview.messagesHelp', { human: f.n(overview.humanReplies), automatic: f.n(overview.automaticReplies) }))}
      {card('first-response', tm('reports.overview.firstResponse'), f.seconds(overview.firstResponse.median), tm('reports.overview.percentilesHelp', { p90: f.seconds(overview.firstResponse.p90), count: overview.firstResponse.count, waiting: f.n(overview.firstResponse.waiting) }))}
      {card('resolution', tm('reports.overview.resolution'), f.seconds(overview.resolution.median), tm('reports.overview.resolutionHelp', { p90: f.seconds(overview.resolution.p90), count: overview.resolution.count }))}
      {card('satisfaction', tm('reports.overview.satisfaction'), overview.satisfaction.average === null ? tm('reports.none') : `${f.n(overview.satisfaction.average)} / 5`, tm('reports.overview.satisfactionHelp', { count: overview.satisfaction.answers }))}
      {card('sla', tm('reports.overview.sla'), f.percent(overview.sla.met, slaTotal), tm('reports.overview.slaHelp', { met: f.n(overview.sla.met), breached: f.n(overview.sla.breached) }))}
    </Cards>
  );
};
