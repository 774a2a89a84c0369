import { BaseEntity, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';

/** A URL of the host's systems that receives the domain events as signed webhooks (Standard Webhooks). */
@Entity({ name: 'whatsapp_webhook_endpoints' })
export class WhatsAppWebhookEndpoint extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_webhook_endpoints' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 2000 })
  url: string;

  /** The kinds it receives; empty: every kind. */
  @Column({ name: 'event_kinds', type: 'text', array: true, default: () => `'{}'` })
  eventKinds: string[];

  /** The number whose events it receives; null: every number. */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_webhook_endpoints_account' })
  account?: WhatsAppAccount | null;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** `failing`: disabled by the plugin after days of failed deliveries; `manual`: by a manager. */
  @Column({ name: 'disabled_reason', type: 'varchar', length: 20, nullable: true })
  disabledReason: string | null;

  /** `whsec_…`, sealed with the SecretBox; shown once, when created or rotated. */
  @Column({ name: 'secret_encrypted', type: 'text' })
  secretEncrypted: string;

  /** Since when every delivery failed (null: the last one succeeded). */
  @Column({ name: 'failing_since', type: 'timestamptz', nullable: true })
  failingSince: Date | null;

  @Column({ name: 'last_success_at', type: 'timestamptz', nullable: true })
  lastSuccessAt: Date | null;

  @Column({ name: 'created_by_id', type: 'varchar', length: 200, nullable: true })
  createdById: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_whatsapp_webhook_endpoints_created_by' })
  createdBy?: WhatsAppAgent | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
