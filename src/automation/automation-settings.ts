import type { AssignmentMode } from '../domain/automation-kinds.js';
import type { BusinessHours } from '../domain/business-hours.js';
import { prepared, queryRows, type Queryable } from '../db/sql.js';
import type { TextsByLanguage } from '../entities/whatsapp-automation-settings.entity.js';

/** A number's automation as the use cases read it (the row of whatsapp_automation_settings). */
export interface AutomationSettings {
  accountId: string;
  /** Null: open around the clock. */
  businessHours: BusinessHours | null;
  defaultLanguage: string;
  greeting: TextsByLanguage | null;
  away: TextsByLanguage | null;
  automaticMessageHours: number;
  automaticRepliesPerHour: number;
  assignmentMode: AssignmentMode;
  assignmentCapacity: number;
  giveBackWhenOffline: boolean;
  surveyEnabled: boolean;
  surveyTemplateId: string | null;
}

interface SettingsRow {
  account_id: string;
  business_hours_enabled: boolean;
  time_zone: string;
  weekly_hours: BusinessHours['weekly'];
  holidays: BusinessHours['holidays'];
  hours_exceptions: BusinessHours['exceptions'];
  default_language: string;
  greeting_enabled: boolean;
  greeting_texts: TextsByLanguage;
  away_enabled: boolean;
  away_texts: TextsByLanguage;
  automatic_message_hours: number;
  automatic_replies_per_hour: number;
  assignment_mode: AssignmentMode;
  assignment_capacity: number;
  give_back_when_offline: boolean;
  survey_enabled: boolean;
  survey_template_id: string | null;
}

/** The settings of these numbers, by account id; a number without a row is absent (no automation). */
export async function loadAutomationSettings(db: Queryable, accountIds: readonly string[]): Promise<Map<string, AutomationSettings>> {
  if (accountIds.length === 0) return new Map();
  const rows = await queryRows<SettingsRow>(db, prepared(`SELECT * FROM whatsapp_automation_settings WHERE account_id = ANY($1::uuid[])`), [
    [...new Set(accountIds)],
  ]);
  return new Map(rows.map((row) => [row.account_id, settingsOf(row)]));
}

export function settingsOf(row: SettingsRow): AutomationSettings {
  return {
    accountId: row.account_id,
    businessHours: row.business_hours_enabled ? businessHoursOf(row.time_zone, row.weekly_hours, row.holidays, row.hours_exceptions) : null,
    defaultLanguage: row.default_language,
    greeting: row.greeting_enabled ? row.greeting_texts : null,
    away: row.away_enabled ? row.away_texts : null,
    automaticMessageHours: row.automatic_message_hours,
    automaticRepliesPerHour: row.automatic_replies_per_hour,
    assignmentMode: row.assignment_mode,
    assignmentCapacity: row.assignment_capacity,
    giveBackWhenOffline: row.give_back_when_offline,
    surveyEnabled: row.survey_enabled,
    surveyTemplateId: row.survey_template_id,
  };
}

/**
 * The schedule as the arithmetic needs it, whatever the form stored: AdminJS's forms send every
 * field of a JSON column as text (`"1"`, `"true"`).
 */
export function businessHoursOf(timeZone: string, weekly: unknown, holidays: unknown, exceptions: unknown): BusinessHours {
  const list = (value: unknown): Record<string, unknown>[] => (Array.isArray(value) ? value.filter((item) => item && typeof item === 'object') : []);
  const text = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');
  return {
    timeZone,
    weekly: list(weekly).map((i) => ({ day: Number(i.day), opens: text(i.opens), closes: text(i.closes) })),
    holidays: list(holidays).map((h) => ({ date: text(h.date), name: text(h.name), yearly: h.yearly === true || h.yearly === 'true' })),
    exceptions: list(exceptions).map((e) => ({ date: text(e.date), opens: text(e.opens) || null, closes: text(e.closes) || null })),
  };
}
