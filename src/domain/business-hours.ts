import { DateTime, IANAZone } from 'luxon';

/**
 * A number's business hours: its time zone, the hours of each weekday, holidays (closed all day)
 * and exceptions (other hours on one date, or closed). All arithmetic is done on local dates and
 * wall-clock times turned into instants by luxon with the zone's rules, so a day with a DST change
 * has the length it really has, and an opening at 09:00 stays at 09:00 local all year.
 *
 * Precedence for one date: an exception, else a holiday (closed), else the weekday's hours.
 */
export interface WeeklyInterval {
  /** ISO weekday: 1 Monday … 7 Sunday. */
  day: number;
  /** `HH:MM`, local. */
  opens: string;
  /** `HH:MM`, local, after `opens`; `24:00` is the end of the day. */
  closes: string;
}

export interface Holiday {
  /** `YYYY-MM-DD`. */
  date: string;
  name: string;
  /** Every year on the same month and day (1 January, 25 December…). */
  yearly?: boolean;
}

/** One date with other hours: several rows for one date add intervals; a row without hours closes the day. */
export interface HoursException {
  date: string;
  opens?: string | null;
  closes?: string | null;
}

export interface BusinessHours {
  timeZone: string;
  weekly: WeeklyInterval[];
  holidays: Holiday[];
  exceptions: HoursException[];
}

/** Business time is counted for at most this many days ahead: a schedule open once a year still ends. */
const HORIZON_DAYS = 400;

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$|^24:00$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with a schedule, as i18n keys (automation.json); empty when it is usable. */
export function businessHoursProblems(hours: BusinessHours): string[] {
  const problems = new Set<string>();
  if (!IANAZone.isValidZone(hours.timeZone)) problems.add('automation.hours.problem.timeZone');
  for (const interval of hours.weekly) {
    if (!Number.isInteger(interval.day) || interval.day < 1 || interval.day > 7) problems.add('automation.hours.problem.day');
    if (!validInterval(interval.opens, interval.closes)) problems.add('automation.hours.problem.interval');
  }
  for (const holiday of hours.holidays) if (!validDate(holiday.date)) problems.add('automation.hours.problem.date');
  for (const exception of hours.exceptions) {
    if (!validDate(exception.date)) problems.add('automation.hours.problem.date');
    const hasHours = Boolean(exception.opens || exception.closes);
    if (hasHours && !validInterval(exception.opens ?? '', exception.closes ?? '')) problems.add('automation.hours.problem.interval');
  }
  return [...problems];
}

function validInterval(opens: string, closes: string): boolean {
  return TIME.test(opens) && TIME.test(closes) && opens !== '24:00' && minutes(opens) < minutes(closes);
}

function validDate(date: string): boolean {
  return DATE.test(date) && DateTime.fromISO(date).isValid;
}

function minutes(time: string): number {
  const [h, m] = time.split(':').map(Number);
  return h! * 60 + m!;
}

/** The opening intervals of one local date, as instants in milliseconds, in order. */
export function openIntervalsOn(hours: BusinessHours, localDate: DateTime): [number, number][] {
  const iso = localDate.toISODate()!;
  const exceptions = hours.exceptions.filter((exception) => exception.date === iso);
  let intervals: { opens: string; closes: string }[];
  if (exceptions.length > 0) {
    intervals = exceptions.filter((e) => e.opens && e.closes).map((e) => ({ opens: e.opens!, closes: e.closes! }));
  } else if (hours.holidays.some((holiday) => holiday.date === iso || (holiday.yearly && holiday.date.slice(5) === iso.slice(5)))) {
    intervals = [];
  } else {
    intervals = hours.weekly.filter((interval) => interval.day === localDate.weekday);
  }
  return intervals
    .map(({ opens, closes }) => [at(localDate, opens, hours.timeZone), at(localDate, closes, hours.timeZone)] as [number, number])
    .filter(([start, end]) => end > start)
    .sort((a, b) => a[0] - b[0]);
}

/** A wall-clock time of a local date as an instant; 24:00 is the next day's midnight. In a DST gap luxon moves it forward. */
function at(localDate: DateTime, time: string, zone: string): number {
  const start = DateTime.fromObject({ year: localDate.year, month: localDate.month, day: localDate.day }, { zone });
  if (time === '24:00') return start.plus({ days: 1 }).toMillis();
  const [hour, minute] = time.split(':').map(Number);
  return DateTime.fromObject({ year: localDate.year, month: localDate.month, day: localDate.day, hour, minute }, { zone }).toMillis();
}

/** The local dates whose intervals may touch [from, …): starting the day before, for intervals ending at midnight. */
function* localDates(hours: BusinessHours, from: number): Generator<DateTime> {
  let date = DateTime.fromMillis(from, { zone: hours.timeZone }).startOf('day').minus({ days: 1 });
  for (let i = 0; i <= HORIZON_DAYS + 1; i++) {
    yield date;
    date = date.plus({ days: 1 });
  }
}

/** Whether the number is open at this instant. Without business hours (null), always. */
export function isOpenAt(hours: BusinessHours | null, instant: Date): boolean {
  if (!hours) return true;
  const t = instant.getTime();
  const date = DateTime.fromMillis(t, { zone: hours.timeZone }).startOf('day');
  return [date.minus({ days: 1 }), date].some((day) => openIntervalsOn(hours, day).some(([start, end]) => start <= t && t < end));
}

/** Seconds of business time between two instants (0 when `to` is not after `from`). */
export function businessSecondsBetween(hours: BusinessHours | null, from: Date, to: Date): number {
  const a = from.getTime();
  const b = to.getTime();
  if (b <= a) return 0;
  if (!hours) return (b - a) / 1000;
  let total = 0;
  for (const date of localDates(hours, a)) {
    if (date.toMillis() > b) break;
    for (const [start, end] of openIntervalsOn(hours, date)) total += Math.max(0, Math.min(end, b) - Math.max(start, a));
  }
  return total / 1000;
}

/**
 * The instant when `seconds` of business time have passed since `from` (a timer that runs only
 * while the number is open). Null when the schedule has no opening within the horizon.
 */
export function addBusinessSeconds(hours: BusinessHours | null, from: Date, seconds: number): Date | null {
  const a = from.getTime();
  if (!hours) return new Date(a + seconds * 1000);
  let left = seconds * 1000;
  for (const date of localDates(hours, a)) {
    for (const [start, end] of openIntervalsOn(hours, date)) {
      const begin = Math.max(start, a);
      if (end <= begin) continue;
      if (end - begin >= left) return new Date(begin + left);
      left -= end - begin;
    }
  }
  return null;
}
