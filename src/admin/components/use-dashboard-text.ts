import { useTranslation, type TranslateFunction } from 'adminjs';

type TranslateOptions = Parameters<TranslateFunction>[2];

/** The dashboard's texts (dashboard.json) and its numbers, days and durations worded for the admin's language. */
export const useDashboardText = () => {
  const { translateMessage, i18n } = useTranslation();
  const tm = (key: string, options?: TranslateOptions) => translateMessage(key, options);
  const number = new Intl.NumberFormat(i18n.language);
  const n = (value: number) => number.format(value);
  const dayFormat = new Intl.DateTimeFormat(i18n.language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  const day = (iso: string) => dayFormat.format(new Date(`${iso}T00:00:00Z`));
  const duration = (seconds: number) => {
    const s = Math.round(seconds);
    if (s < 60) return tm('dashboard.duration.seconds', { seconds: n(s) });
    if (s < 600) return tm('dashboard.duration.minutesSeconds', { minutes: n(Math.floor(s / 60)), seconds: n(s % 60) });
    if (s < 3600) return tm('dashboard.duration.minutes', { minutes: n(Math.round(s / 60)) });
    if (s < 86400) return tm('dashboard.duration.hoursMinutes', { hours: n(Math.floor(s / 3600)), minutes: n(Math.floor((s % 3600) / 60)) });
    return tm('dashboard.duration.daysHours', { days: n(Math.floor(s / 86400)), hours: n(Math.floor((s % 86400) / 3600)) });
  };
  return { tm, f: { n, day, duration } };
};
