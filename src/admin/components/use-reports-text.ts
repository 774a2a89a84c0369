import { useTranslation } from 'adminjs';
import { useDashboardText } from './use-dashboard-text.ts';

export interface ReportsText {
  tm: (key: string, options?: Record<string, unknown>) => string;
  f: {
    n: (value: number) => string;
    day: (iso: string) => string;
    seconds: (value: number | null) => string;
    percent: (part: number, whole: number) => string;
    /** An amount in millionths of the currency's unit. */
    money: (micros: number, currency: string) => string;
  };
}

/** The reports' texts (reports.json) with the dashboard's number and duration wording. */
export const useReportsText = (): ReportsText => {
  const { tm, f } = useDashboardText();
  const seconds = (value: number | null) => (value === null ? tm('reports.none') : f.duration(value));
  const percent = (part: number, whole: number) => (whole === 0 ? tm('reports.none') : `${f.n(Math.round((1000 * part) / whole) / 10)} %`);
  const { i18n } = useTranslation();
  const money = (micros: number, currency: string) => {
    try {
      return new Intl.NumberFormat(i18n.language, { style: 'currency', currency, maximumFractionDigits: 4 }).format(micros / 1_000_000);
    } catch {
      return `${f.n(micros / 1_000_000)} ${currency}`;
    }
  };
  return { tm: (key, options) => tm(key, options as never), f: { n: f.n, day: f.day, seconds, percent, money } };
};
