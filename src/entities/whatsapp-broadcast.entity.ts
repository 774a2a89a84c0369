import { BaseEntity, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { BroadcastAudience, BroadcastStatus, ParameterMapping } from '../domain/campaign-kinds.js';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { WhatsAppTemplate } from './whatsapp-template.entity.js';

/** One approved template sent to an audience, now or at a time, at a sending speed; its recipients are rows of whatsapp_broadcast_recipients. */
@Entity({ name: 'whatsapp_broadcasts' })
@Check('ck_whatsapp_broadcasts_status', `"status" IN ('draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled')`)
@Check('ck_whatsapp_broadcasts_rate', `"messages_per_second" IS NULL OR "messages_per_second" > 0`)
@Index('ix_whatsapp_broadcasts_due', ['scheduledAt'], { where: `"status" = 'scheduled'` })
export class WhatsAppBroadcast extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_broadcasts' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_broadcasts_account' })
  account?: WhatsAppAccount;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'template_id', type: 'uuid', nullable: true })
  templateId: string | null;

  @ManyToOne(() => WhatsAppTemplate, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'fk_whatsapp_broadcasts_template' })
  template?: WhatsAppTemplate | null;

  @Column({ type: 'varchar', length: 20, default: 'draft' })
  status: BroadcastStatus;

  /** Who it goes to: contacts by label or attribute, a host audience, or an uploaded CSV (src/domain/campaign-kinds.ts). */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  audience: BroadcastAudience;

  /** Each template parameter (by slot key) from a fixed text, a contact field or a column of the recipient's row. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  parameters: Record<string, ParameterMapping>;

  /** The sending speed; null: as fast as the number's throughput allows. */
  @Column({ name: 'messages_per_second', type: 'double precision', nullable: true })
  messagesPerSecond: number | null;

  /** Marketing templates go through Meta's Marketing Messages API (when the number is onboarded). */
  @Column({ name: 'use_marketing_api', type: 'boolean', default: false })
  useMarketingApi: boolean;

  @Column({ name: 'scheduled_at', type: 'timestamptz', nullable: true })
  scheduledAt: Date | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'paused_at', type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  /** i18n key of why sending stopped by itself (the number blocked, the template paused by Meta); null when a person paused it. */
  @Column({ name: 'paused_reason', type: 'varchar', length: 100, nullable: true })
  pausedReason: string | null;

  /** The feeder's last sign of life while sending: a broadcast whose feeder died is fed again by the sweep. */
  @Column({ name: 'fed_at', type: 'timestamptz', nullable: true })
  fedAt: Date | null;

  /** Completed or cancelled. */
  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  /** Rows of the audience, skipped ones included. */
  @Column({ name: 'recipients_total', type: 'integer', default: 0 })
  recipientsTotal: number;

  @Column({ name: 'created_by_id', type: 'varchar', length: 200, nullable: true })
  createdById: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_whatsapp_broadcasts_created_by' })
  createdBy?: WhatsAppAgent | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
