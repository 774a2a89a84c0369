import React, { useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Button, Input, Label, Select } from '@adminjs/design-system';
import type { Report } from '../../reports/load-report.js';
import type { ReportQuery } from './use-reports.ts';
import { useReportsText } from './use-reports-text.ts';

const Bar = styled.form`
  display: flex;
  flex-wrap: wrap;
  gap: 12px 16px;
  align-items: flex-end;
  margin-block-end: 24px;
`;

const Field = styled.div`
  display: flex;
  flex-direction: column;
  min-inline-size: 160px;
`;

type Option = { value: string; label: string };

/** The report's filters: dates, number, agent, label. Applied together. */
export const ReportsFilters = ({ report, onApply }: { report: Report; onApply: (query: ReportQuery) => void }) => {
  const { tm } = useReportsText();
  const [draft, setDraft] = useState<ReportQuery>({
    from: report.filters.from,
    to: report.filters.to,
    accountId: report.filters.accountId ?? '',
    agentId: report.filters.agentId ?? '',
    label: report.filters.label ?? '',
  });
  const any: Option = { value: '', label: tm('reports.filters.any') };
  const pick = (options: Option[], value: string | undefined) => options.find((o) => o.value === (value ?? '')) ?? any;
  const numbers = [any, ...report.choices.numbers.map((n) => ({ value: n.id, label: n.name }))];
  const agents = [any, ...report.choices.agents.map((a) => ({ value: a.id, label: a.name }))];
  const labels = [any, ...report.choices.labels.map((l) => ({ value: l, label: l }))];
  const select = (name: keyof ReportQuery, options: Option[]) => (
    <Field>
      <Label htmlFor={`report-${name}`}>{tm(`reports.filters.${name}`)}</Label>
      <Select inputId={`report-${name}`} value={pick(options, draft[name])} options={options} onChange={(option: Option | null) => setDraft({ ...draft, [name]: option?.value ?? '' })} />
    </Field>
  );
  return (
    <Bar
      data-testid="report-filters"
      onSubmit={(event) => {
        event.preventDefault();
        onApply(draft);
      }}
    >
      <Field>
        <Label htmlFor="report-from">{tm('reports.filters.from')}</Label>
        <Input id="report-from" type="date" value={draft.from} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, from: e.target.value })} />
      </Field>
      <Field>
        <Label htmlFor="report-to">{tm('reports.filters.to')}</Label>
        <Input id="report-to" type="date" value={draft.to} onChange={(e: React.ChangeEvent<HTMLInputElement>) => setDraft({ ...draft, to: e.target.value })} />
      </Field>
      {select('accountId', numbers)}
      {select('agentId', agents)}
      {select('label', labels)}
      <Button type="submit" variant="contained" data-testid="report-apply">
        {tm('reports.filters.apply')}
      </Button>
    </Bar>
  );
};
