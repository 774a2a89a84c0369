import type { EntityManager } from 'typeorm';
import { loadAutomationSettings } from '../automation/automation-settings.js';
import { addBusinessSeconds } from '../domain/business-hours.js';

/** What a number's business hours tell a sequence: its time zone, and the next instant it is open. */
export interface NumberSchedule {
  timeZone: string | null;
  nextOpenAt(from: Date): Date;
}

/** A schedule that never opens within the arithmetic's horizon is asked again a day later. */
const RETRY_MS = 24 * 3600_000;

/**
 * The number's business hours (its automation settings). A number without business hours is
 * open around the clock and has no zone of its own (contacts' zones then come from their
 * phones, else UTC).
 */
export async function numberSchedule(manager: EntityManager, accountId: string): Promise<NumberSchedule> {
  const hours = (await loadAutomationSettings(manager, [accountId])).get(accountId)?.businessHours ?? null;
  return {
    timeZone: hours?.timeZone ?? null,
    // Zero business seconds from `from`: the start of the first open interval at or after it.
    nextOpenAt: (from) => addBusinessSeconds(hours, from, 0) ?? new Date(from.getTime() + RETRY_MS),
  };
}
