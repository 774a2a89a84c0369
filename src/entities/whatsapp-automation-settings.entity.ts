import { BaseEntity, Check, Column, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import type { AssignmentMode } from '../domain/automation-kinds.js';
import type { Holiday, HoursException, WeeklyInterval } from '../domain/business-hours.js';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { WhatsAppTemplate } from './whatsapp-template.entity.js';

/** Texts by language code (`en`, `fr`, `ar`): what a customer reads, in their language. */
export type TextsByLanguage = Record<string, string>;

/**
 * One number's automation: business hours, greeting and away messages, automatic assignment and
 * the satisfaction survey. A number without a row has none of it (always open, nothing sent,
 * nobody assigned automatically).
 */
@Entity({ name: 'whatsapp_automation_settings' })
@Check('ck_whatsapp_automation_settings_assignment_mode', `"assignment_mode" IN ('off', 'round_robin', 'least_open')`)
@Check('ck_whatsapp_automation_settings_period', `"automatic_message_hours" BETWEEN 1 AND 720`)
@Check('ck_whatsapp_automation_settings_cap', `"automatic_replies_per_hour" BETWEEN 1 AND 100`)
@Check('ck_whatsapp_automation_settings_capacity', `"assignment_capacity" BETWEEN 1 AND 1000`)
export class WhatsAppAutomationSettings extends BaseEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'pk_whatsapp_automation_settings' })
  accountId: string;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_automation_settings_account' })
  account?: WhatsAppAccount;

  /** Off: the number is open around the clock. */
  @Column({ name: 'business_hours_enabled', type: 'boolean', default: false })
  businessHoursEnabled: boolean;

  /** IANA time zone of the hours (Europe/Paris, Africa/Algiers). */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, default: 'UTC' })
  timeZone: string;

  @Column({ name: 'weekly_hours', type: 'jsonb', default: () => `'[]'` })
  weeklyHours: WeeklyInterval[];

  @Column({ type: 'jsonb', default: () => `'[]'` })
  holidays: Holiday[];

  @Column({ name: 'hours_exceptions', type: 'jsonb', default: () => `'[]'` })
  hoursExceptions: HoursException[];

  /** The language automatic messages use when neither the CRM nor the customer's text tells one. */
  @Column({ name: 'default_language', type: 'varchar', length: 10, default: 'en' })
  defaultLanguage: string;

  @Column({ name: 'greeting_enabled', type: 'boolean', default: false })
  greetingEnabled: boolean;

  @Column({ name: 'greeting_texts', type: 'jsonb', default: () => `'{}'` })
  greetingTexts: TextsByLanguage;

  @Column({ name: 'away_enabled', type: 'boolean', default: false })
  awayEnabled: boolean;

  @Column({ name: 'away_texts', type: 'jsonb', default: () => `'{}'` })
  awayTexts: TextsByLanguage;

  /** A greeting or away message goes at most once per conversation in this many hours. */
  @Column({ name: 'automatic_message_hours', type: 'integer', default: 24 })
  automaticMessageHours: number;

  /** No conversation gets more automatic messages than this in an hour (another bot cannot make us loop). */
  @Column({ name: 'automatic_replies_per_hour', type: 'integer', default: 5 })
  automaticRepliesPerHour: number;

  @Column({ name: 'assignment_mode', type: 'varchar', length: 20, default: 'off' })
  assignmentMode: AssignmentMode;

  /** Open conversations an agent holds at most before automatic assignment passes them by (an agent's own capacity wins). */
  @Column({ name: 'assignment_capacity', type: 'integer', default: 10 })
  assignmentCapacity: number;

  /** When an agent goes offline, their open conversations go back to the queue. */
  @Column({ name: 'give_back_when_offline', type: 'boolean', default: false })
  giveBackWhenOffline: boolean;

  /** Round robin's place: the agent who got the last conversation. */
  @Column({ name: 'last_assigned_agent_id', type: 'varchar', length: 200, nullable: true })
  lastAssignedAgentId: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'last_assigned_agent_id', foreignKeyConstraintName: 'fk_whatsapp_automation_settings_last_assigned' })
  lastAssignedAgent?: WhatsAppAgent | null;

  @Column({ name: 'survey_enabled', type: 'boolean', default: false })
  surveyEnabled: boolean;

  /** The approved template (quick replies 1–5) asked outside the 24-hour window; none: no survey then. */
  @Column({ name: 'survey_template_id', type: 'uuid', nullable: true })
  surveyTemplateId: string | null;

  @ManyToOne(() => WhatsAppTemplate, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'survey_template_id', foreignKeyConstraintName: 'fk_whatsapp_automation_settings_survey_template' })
  surveyTemplate?: WhatsAppTemplate | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
