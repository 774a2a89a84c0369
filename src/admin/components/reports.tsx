import React, { useMemo } from 'react';
import { Box, H2, Loader, MessageBox, Text } from '@adminjs/design-system';
import type { Report } from '../../reports/load-report.js';
import { ReportChart } from './report-chart.tsx';
import { ReportsFilters } from './reports-filters.tsx';
import { ReportsOverview } from './reports-overview.tsx';
import { ReportSection } from './reports-table.tsx';
import { CustomerText } from './customer-text.tsx';
import { useReports, type ReportQuery } from './use-reports.ts';
import { useReportsText } from './use-reports-text.ts';

/** The managers' reports page: filters, the period at a glance, and each table with its chart and its CSV. */
const Reports = () => {
  const { tm } = useReportsText();
  const { report, answered, loading, failed, query, apply } = useReports();
  if (failed) {
    return (
      <Box p="xxl">
        <MessageBox variant="danger" message={tm('reports.loadFailed')} />
      </Box>
    );
  }
  if (!answered) {
    return (
      <Box p="xxl" aria-busy="true">
        <Loader />
      </Box>
    );
  }
  if (!report) {
    return (
      <Box p="xxl" data-testid="reports-forbidden">
        <MessageBox message={tm('reports.forbidden')} />
      </Box>
    );
  }
  return (
    <Box p="xxl" data-testid="reports" aria-busy={loading}>
      <H2>{tm('reports.title')}</H2>
      <Text mb="xl" color="grey60" data-testid="reports-period">
        {tm('reports.period', { from: report.filters.from, to: report.filters.to, timeZone: report.filters.timeZone })}
      </Text>
      <ReportsFilters key={JSON.stringify(report.filters)} report={report} onApply={apply} />
      <ReportsOverview overview={report.overview} />
      <ReportSections report={report} query={{ ...query, ...filtersQuery(report) }} />
    </Box>
  );
};

const filtersQuery = (report: Report): ReportQuery => ({
  from: report.filters.from,
  to: report.filters.to,
  timeZone: report.filters.timeZone,
  accountId: report.filters.accountId ?? undefined,
  agentId: report.filters.agentId ?? undefined,
  label: report.filters.label ?? undefined,
});

const ReportSections = ({ report, query }: { report: Report; query: ReportQuery }) => {
  const { tm, f } = useReportsText();
  const days = useMemo(() => report.perDay.map((d) => f.day(d.day)), [report.perDay]);
  const dailySeries = useMemo(
    () => [
      { label: tm('reports.column.inbound'), values: report.perDay.map((d) => d.inbound), color: 'primary100' as const },
      { label: tm('reports.column.humanReplies'), values: report.perDay.map((d) => d.humanReplies), color: 'success' as const },
      { label: tm('reports.column.automaticReplies'), values: report.perDay.map((d) => d.automaticReplies), color: 'grey60' as const },
    ],
    [report.perDay],
  );
  const hours = useMemo(() => Array.from({ length: 24 }, (_, h) => String(h)), []);
  const hourSeries = useMemo(
    () => [{ label: tm('reports.column.inbound'), values: hours.map((_, h) => report.hourOfWeek.filter((c) => c.hour === h).reduce((sum, c) => sum + c.inbound, 0)), color: 'primary100' as const }],
    [report.hourOfWeek],
  );
  const ratings = useMemo(() => report.satisfaction.map((s) => String(s.rating)), [report.satisfaction]);
  const ratingSeries = useMemo(() => [{ label: tm('reports.column.answers'), values: report.satisfaction.map((s) => s.answers), color: 'success' as const }], [report.satisfaction]);
  const heat = Math.max(1, ...report.hourOfWeek.map((c) => c.inbound));
  const headers = (keys: string[]) => keys.map((key) => tm(`reports.column.${key}`));
  return (
    <>
      <ReportSection
        table="perDay"
        query={query}
        title={tm('reports.perDay.title')}
        help={tm('reports.perDay.help')}
        chart={<ReportChart testId="chart-per-day" labels={days} series={dailySeries} stacked summary={tm('reports.perDay.title')} />}
        columns={headers(['day', 'opened', 'resolved', 'inbound', 'humanReplies', 'automaticReplies'])}
        rows={report.perDay.map((d) => ({ key: d.day, cells: [f.day(d.day), f.n(d.opened), f.n(d.resolved), f.n(d.inbound), f.n(d.humanReplies), f.n(d.automaticReplies)] }))}
      />
      <ReportSection
        table="hourOfWeek"
        query={query}
        title={tm('reports.hourOfWeek.title')}
        help={tm('reports.hourOfWeek.help')}
        chart={<ReportChart testId="chart-hour-of-week" labels={hours} series={hourSeries} summary={tm('reports.hourOfWeek.title')} />}
        columns={[tm('reports.column.weekday'), ...hours.map((h) => f.n(Number(h)))]}
        rows={[1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
          key: String(weekday),
          cells: [
            tm(`reports.weekday.${weekday}`),
            ...report.hourOfWeek
              .filter((c) => c.weekday === weekday)
              .map((c) => <span key={c.hour} style={{ opacity: 0.35 + (0.65 * c.inbound) / heat }}>{f.n(c.inbound)}</span>),
          ],
        }))}
      />
      <ReportSection
        table="agents"
        query={query}
        title={tm('reports.agents.title')}
        help={tm('reports.agents.help')}
        columns={headers(['name', 'handled', 'replies', 'averageResponseSeconds', 'firstResponses', 'firstResponseMedianSeconds', 'satisfactionAverage', 'satisfactionAnswers'])}
        rows={report.agents.map((a) => ({
          key: a.agentId,
          cells: [
            <CustomerText key="name" text={a.name} />,
            f.n(a.handled), f.n(a.replies), f.seconds(a.averageResponseSeconds), f.n(a.firstResponses), f.seconds(a.firstResponseMedianSeconds),
            a.satisfactionAverage === null ? tm('reports.none') : f.n(a.satisfactionAverage), f.n(a.satisfactionAnswers),
          ],
        }))}
      />
      <ReportSection
        table="satisfaction"
        query={query}
        title={tm('reports.satisfaction.title')}
        help={tm('reports.satisfaction.help')}
        chart={<ReportChart testId="chart-satisfaction" labels={ratings} series={ratingSeries} summary={tm('reports.satisfaction.title')} />}
        columns={headers(['rating', 'answers'])}
        rows={report.satisfaction.map((s) => ({ key: String(s.rating), cells: [f.n(s.rating), f.n(s.answers)] }))}
      />
      <ReportSection
        table="sla"
        query={query}
        title={tm('reports.sla.title')}
        help={tm('reports.sla.help')}
        columns={headers(['target', 'met', 'breached', 'compliance'])}
        rows={report.sla.map((s) => ({ key: s.target, cells: [tm(`reports.sla.target.${s.target}`), f.n(s.met), f.n(s.breached), f.percent(s.met, s.met + s.breached)] }))}
      />
      <ReportSection
        table="costs"
        query={query}
        title={tm('reports.costs.title')}
        help={tm('reports.costs.help')}
        columns={headers(['number', 'category', 'messages', 'charged', 'cost'])}
        rows={report.costs.map((c) => ({
          key: `${c.accountId}:${c.category}:${c.currency ?? ''}`,
          cells: [c.number, tm(`reports.costs.category.${c.category}`, { defaultValue: c.category }), f.n(c.messages), f.n(c.charged), c.currency ? f.money(c.costMicros, c.currency) : tm('reports.costs.unpriced')],
        }))}
      />
      <ReportSection
        table="assistant"
        query={query}
        title={tm('reports.assistant.title')}
        help={tm('reports.assistant.help')}
        columns={headers(['number', 'kind', 'outcome', 'runs', 'inputTokens', 'outputTokens', 'cost'])}
        rows={report.assistant.map((a) => ({
          key: `${a.accountId}:${a.kind}:${a.outcome}:${a.reason ?? ''}:${a.currency ?? ''}`,
          cells: [
            a.number,
            tm(`reports.assistant.kind.${a.kind}`),
            a.reason ? `${tm(`reports.assistant.outcome.${a.outcome}`)} (${tm(`assistant.reason.${a.reason}`)})` : tm(`reports.assistant.outcome.${a.outcome}`),
            f.n(a.runs),
            f.n(a.inputTokens),
            f.n(a.outputTokens),
            a.currency ? f.money(a.costMicros, a.currency) : tm('reports.none'),
          ],
        }))}
      />
      <ReportSection
        table="referrals"
        query={query}
        title={tm('reports.referrals.title')}
        help={tm('reports.referrals.help')}
        columns={headers(['headline', 'sourceType', 'conversations'])}
        rows={report.referrals.map((r) => ({
          key: r.sourceId,
          cells: [<CustomerText key="headline" text={r.headline ?? r.sourceId} />, r.sourceType ? tm(`reports.referrals.sourceType.${r.sourceType}`, { defaultValue: r.sourceType }) : tm('reports.none'), f.n(r.conversations)],
        }))}
      />
    </>
  );
};

export default Reports;
