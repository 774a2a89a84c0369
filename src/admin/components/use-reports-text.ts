import { useDashboardText } from './use-dashboard-text.ts';

export interface ReportsText {
  tm: (key: string, options?: Record<string, unknown>) => string;
  f: {
    n: (value: number) => string;
    day: (iso: string) => string;
    seconds: (value: number | null) => string;
    percent: (part: number, whole: number) => string;
  };
}

/** The reports' texts (reports.json) with the dashboard's number and duration wording. */
export const useReportsText = (): ReportsText => {
  const { tm, f } = useDashboardText();
  const seconds = (value: number | null) => (value === null ? tm('reports.none') : f.duration(value));
  const percent = (part: number, whole: number) => (whole === 0 ? tm('reports.none') : `${f.n(Math.round((1000 * part) / whole) / 10)} %`);
  return { tm: (key, options) => tm(key, options as never), f: { n: f.n, day: f.day, seconds, percent } };
};
