import type { EntityManager } from 'typeorm';

/** What a number's business hours tell a sequence: its time zone, and the next instant it is open. */
export interface NumberSchedule {
  timeZone: string | null;
  nextOpenAt(from: Date): Date;
}

/**
 * The number's business hours. A number without business hours is open around the clock and
 * has no zone of its own (contacts' zones then come from their phones, else UTC).
 */
export async function numberSchedule(_manager: EntityManager, _accountId: string): Promise<NumberSchedule> {
  return { timeZone: null, nextOpenAt: (from) => from };
}
