import { dayKey } from './message-format.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * When a row's last message came, as WhatsApp words it: the time today, "yesterday", the weekday
 * within a week, else the date. `yesterday` is the translated word.
 */
export const rowTime = (iso: string, now: number, yesterday: string, language: string | undefined): string => {
  const date = new Date(iso);
  const today = new Date(now);
  if (dayKey(iso) === dayKey(today.toISOString())) return date.toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });
  const before = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (dayKey(iso) === dayKey(before.toISOString())) return yesterday;
  if (now - date.getTime() < 6 * DAY) return date.toLocaleDateString(language, { weekday: 'long' });
  return date.toLocaleDateString(language, { day: 'numeric', month: 'numeric', year: '2-digit' });
};

/** A duration in its largest unit, worded by the browser for the language: "25 min", "3 h", "2 days". */
export const shortDuration = (ms: number, language: string | undefined): string => {
  const [value, unit] = ms < HOUR ? [Math.max(1, Math.floor(ms / MINUTE)), 'minute'] : ms < DAY ? [Math.floor(ms / HOUR), 'hour'] : [Math.floor(ms / DAY), 'day'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'short' }).format(value);
};

export const HOURS = HOUR;
