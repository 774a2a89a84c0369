import type { i18n } from 'i18next';

// Dates, times and sizes worded by the browser for the admin's language, not by us.

export const languageOf = (instance: Pick<i18n, 'language'> | undefined): string | undefined => instance?.language || undefined;

export const dayKey = (iso: string): string => {
  const date = new Date(iso);
  return `${date.getFullYear()}-${date.getMonth()}-${date.getDate()}`;
};

/** Today, yesterday, or the full date. */
export const dayLabel = (iso: string, words: { today: string; yesterday: string }, language: string | undefined): string => {
  const today = new Date();
  const yesterday = new Date(today.getFullYear(), today.getMonth(), today.getDate() - 1);
  if (dayKey(iso) === dayKey(today.toISOString())) return words.today;
  if (dayKey(iso) === dayKey(yesterday.toISOString())) return words.yesterday;
  return new Date(iso).toLocaleDateString(language, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
};

export const formatTime = (iso: string, language: string | undefined): string =>
  new Date(iso).toLocaleTimeString(language, { hour: '2-digit', minute: '2-digit' });

export const formatDateTime = (iso: string, language: string | undefined): string =>
  new Date(iso).toLocaleString(language, { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;

// 12,3 ko in French: Intl words the unit.
export const formatSize = (bytes: number | null | undefined, language: string | undefined): string => {
  if (bytes === null || bytes === undefined) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return new Intl.NumberFormat(language, { style: 'unit', unit: SIZE_UNITS[unit], unitDisplay: 'short', maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
};
