import { BaseEntity, Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export const WEBHOOK_EVENT_STATUSES = ['received', 'processed', 'failed', 'unroutable', 'ignored', 'unparseable'] as const;
export type WebhookEventStatus = (typeof WEBHOOK_EVENT_STATUSES)[number];

/** Every signed delivery from Meta, byte for byte, stored before we answer 200. */
@Entity({ name: 'whatsapp_webhook_events' })
@Check(
  'ck_whatsapp_webhook_events_status',
  `"status" IN ('received', 'processed', 'failed', 'unroutable', 'ignored', 'unparseable')`,
)
@Index('ix_whatsapp_webhook_events_status_received', ['status', 'receivedAt'])
@Index('ix_whatsapp_webhook_events_received', ['receivedAt'])
export class WhatsAppWebhookEvent extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_webhook_events' })
  id: string;

  /** Text exactly as received, never re-serialised (the signature is over these bytes). */
  @Column({ name: 'raw_body', type: 'text' })
  rawBody: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  headers: Record<string, string>;

  @Column({ name: 'body_sha256', type: 'char', length: 64 })
  bodySha256: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt: Date;

  @Column({ type: 'varchar', length: 20, default: 'received' })
  status: WebhookEventStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'processed_at', type: 'timestamptz', nullable: true })
  processedAt: Date | null;
}
