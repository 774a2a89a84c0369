import { BaseEntity, Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { WhatsAppAccount } from './whatsapp-account.entity.js';

export const NOTICE_SEVERITIES = ['info', 'warning', 'critical'] as const;
export type NoticeSeverity = (typeof NOTICE_SEVERITIES)[number];

/**
 * What Meta told about a number or its WhatsApp Business Account (account_update,
 * phone_number_quality_update, account_alerts…). The latest notice of each topic is the
 * number's current state on that topic; managers see the warnings and critical ones.
 */
@Entity({ name: 'whatsapp_account_notices' })
@Unique('uq_whatsapp_account_notices_occurrence', ['accountId', 'topic', 'event', 'occurredAt'])
@Check('ck_whatsapp_account_notices_severity', `"severity" IN ('info', 'warning', 'critical')`)
@Index('ix_whatsapp_account_notices_account_occurred', ['accountId', 'occurredAt'])
export class WhatsAppAccountNotice extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_account_notices' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_account_notices_account' })
  account?: WhatsAppAccount;

  /** The webhook field it came in (account_update, account_alerts…). */
  @Column({ type: 'varchar', length: 60 })
  field: string;

  /** What it is about (ban, review, name, alert:<type>…): a newer notice of a topic supersedes the older. */
  @Column({ type: 'varchar', length: 80 })
  topic: string;

  @Column({ type: 'varchar', length: 80 })
  event: string;

  @Column({ type: 'varchar', length: 15 })
  severity: NoticeSeverity;

  /** i18n key (locales/<lang>/account-health.json). */
  @Column({ name: 'summary_key', type: 'varchar', length: 100 })
  summaryKey: string;

  /** Meta's value, as sent. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  details: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
