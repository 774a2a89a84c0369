import { useCallback, useEffect, useState } from 'react';
import { ApiClient } from 'adminjs';
import type { ReportsPageAnswer } from '../reports-page.js';
import type { ReportFilters } from '../../reports/report-filters.js';
import { browserTimeZone } from './browser-time-zone.ts';

const api = new ApiClient();

export type ReportQuery = Partial<Record<keyof ReportFilters, string>>;

/** The report for the filters chosen (the browser's time zone by default); `apply` reads it again for others. */
export const useReports = () => {
  const [query, setQuery] = useState<ReportQuery>({ timeZone: browserTimeZone() });
  const [answer, setAnswer] = useState<ReportsPageAnswer | null>(null);
  const [loading, setLoading] = useState(true);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    setLoading(true);
    api
      .getPage<ReportsPageAnswer>({ pageName: 'whatsappReports', params: Object.fromEntries(Object.entries(query).filter(([, v]) => v)) })
      .then(
        ({ data }) => current && (setAnswer(data), setFailed(false)),
        () => current && setFailed(true),
      )
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [query]);
  const apply = useCallback((next: ReportQuery) => setQuery((previous) => ({ ...previous, ...next })), []);
  return { report: answer?.report ?? null, answered: answer !== null, loading, failed, query, apply };
};
