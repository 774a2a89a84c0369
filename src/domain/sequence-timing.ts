import { getCountry } from 'countries-and-timezones';
import { DateTime, IANAZone } from 'luxon';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { TIME_OF_DAY } from './sequence-steps.js';

/*
 * When a sequence's waits end, in the contact's own time zone. A wait in days keeps the
 * wall-clock time (10:00 stays 10:00 across a DST change, so that day is 23 or 25 hours long);
 * a wait in hours is elapsed time. Luxon applies the zone's rules (IANA database).
 */

export interface WaitDuration {
  amount: number;
  unit: 'hours' | 'days';
  /** `HH:MM`, local: for a wait in days, the time of day it ends at. */
  atTime?: string | null;
}

/** The instant a wait started at `from` ends, for a contact in `timeZone`. */
export function waitEnd(from: Date, wait: WaitDuration, timeZone: string): Date {
  if (wait.unit === 'hours') return new Date(from.getTime() + wait.amount * 3_600_000);
  let local = DateTime.fromJSDate(from, { zone: timeZone }).plus({ days: wait.amount });
  const time = wait.atTime ? TIME_OF_DAY.exec(wait.atTime) : null;
  if (time) {
    local = local.set({ hour: Number(time[1]), minute: Number(time[2]), second: 0, millisecond: 0 });
    // "0 days, at 09:00" asked at 15:00 means tomorrow's 09:00.
    if (local.toMillis() <= from.getTime()) local = local.plus({ days: 1 });
  }
  return local.toJSDate();
}

export function isTimeZone(value: string | null | undefined): value is string {
  return typeof value === 'string' && value.length > 0 && IANAZone.isValidZone(value);
}

/**
 * The time zone a contact's steps fire in: their own (from the CRM, an import or the API), else
 * the one of their phone's country when it has only one (Algeria, France, Morocco…), else the
 * number's (its business hours'), else UTC.
 */
export function contactTimeZone(contact: { timeZone: string | null; phoneE164: string | null }, fallback: string | null): string {
  if (isTimeZone(contact.timeZone)) return contact.timeZone;
  const country = contact.phoneE164 ? parsePhoneNumberFromString(contact.phoneE164)?.country : undefined;
  const zones = country ? (getCountry(country)?.timezones ?? []) : [];
  if (zones.length === 1 && isTimeZone(zones[0])) return zones[0];
  if (isTimeZone(fallback)) return fallback;
  return 'UTC';
}
