import { BaseEntity, Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { WhatsAppOutboxEvent } from './whatsapp-outbox-event.entity.js';
import { WhatsAppWebhookEndpoint } from './whatsapp-webhook-endpoint.entity.js';

export const WEBHOOK_DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type WebhookDeliveryStatus = (typeof WEBHOOK_DELIVERY_STATUSES)[number];

/** One event for one endpoint: its attempts so far and the last answer (the endpoint's delivery log). */
@Entity({ name: 'whatsapp_webhook_deliveries' })
@Unique('uq_whatsapp_webhook_deliveries_endpoint_event', ['endpointId', 'eventId'])
@Check('ck_whatsapp_webhook_deliveries_status', `"status" IN ('pending', 'delivered', 'failed')`)
@Index('ix_whatsapp_webhook_deliveries_due', ['nextAttemptAt'], { where: `"status" = 'pending'` })
@Index('ix_whatsapp_webhook_deliveries_endpoint_created', ['endpointId', 'createdAt'])
@Index('ix_whatsapp_webhook_deliveries_event', ['eventId'])
export class WhatsAppWebhookDelivery extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_webhook_deliveries' })
  id: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId: string;

  @ManyToOne(() => WhatsAppWebhookEndpoint, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'endpoint_id', foreignKeyConstraintName: 'fk_whatsapp_webhook_deliveries_endpoint' })
  endpoint?: WhatsAppWebhookEndpoint;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @ManyToOne(() => WhatsAppOutboxEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'event_id', foreignKeyConstraintName: 'fk_whatsapp_webhook_deliveries_event' })
  event?: WhatsAppOutboxEvent;

  @Column({ name: 'event_kind', type: 'varchar', length: 50 })
  eventKind: string;

  @Column({ type: 'varchar', length: 10, default: 'pending' })
  status: WebhookDeliveryStatus;

  @Column({ type: 'integer', default: 0 })
  attempts: number;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true, default: () => 'now()' })
  nextAttemptAt: Date | null;

  @Column({ name: 'last_attempt_at', type: 'timestamptz', nullable: true })
  lastAttemptAt: Date | null;

  @Column({ name: 'response_status', type: 'integer', nullable: true })
  responseStatus: number | null;

  /** The first 2,000 characters of the endpoint's answer. */
  @Column({ name: 'response_body', type: 'text', nullable: true })
  responseBody: string | null;

  /** Why no answer came (timeout, refused connection, refused address). */
  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'duration_ms', type: 'integer', nullable: true })
  durationMs: number | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
