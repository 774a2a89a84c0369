import { BaseEntity, Check, Column, Entity, Generated, Index, PrimaryGeneratedColumn, Unique } from 'typeorm';

export const HANDLER_STATUSES = ['pending', 'handled', 'failed'] as const;
export type HandlerStatus = (typeof HANDLER_STATUSES)[number];

/**
 * The transactional outbox: one row per domain event, written in the transaction of the change
 * it tells of, so an event exists exactly when its change does. The in-process handlers' state
 * is kept on the row; each webhook endpoint's is a delivery row.
 */
@Entity({ name: 'whatsapp_outbox_events' })
@Unique('uq_whatsapp_outbox_events_sequence', ['sequence'])
@Check('ck_whatsapp_outbox_events_handler_status', `"handler_status" IN ('pending', 'handled', 'failed')`)
@Index('ix_whatsapp_outbox_events_pending', ['orderingKey', 'sequence'], { where: `"handler_status" = 'pending'` })
@Index('ix_whatsapp_outbox_events_unfanned', ['sequence'], { where: `"fanned_out_at" IS NULL` })
@Index('ix_whatsapp_outbox_events_occurred', ['occurredAt'])
export class WhatsAppOutboxEvent extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_outbox_events' })
  id: string;

  @Column({ type: 'bigint' })
  @Generated('increment')
  sequence: string;

  @Column({ type: 'varchar', length: 50 })
  kind: string;

  /** Events with the same key reach the in-process handlers in sequence order: the conversation, or what the event is about. */
  @Column({ name: 'ordering_key', type: 'varchar', length: 100 })
  orderingKey: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ name: 'conversation_id', type: 'uuid', nullable: true })
  conversationId: string | null;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ name: 'occurred_at', type: 'timestamptz', default: () => 'clock_timestamp()' })
  occurredAt: Date;

  @Column({ name: 'handler_status', type: 'varchar', length: 10, default: 'pending' })
  handlerStatus: HandlerStatus;

  @Column({ name: 'handler_attempts', type: 'integer', default: 0 })
  handlerAttempts: number;

  @Column({ name: 'handler_next_attempt_at', type: 'timestamptz', default: () => 'now()' })
  handlerNextAttemptAt: Date;

  @Column({ name: 'handler_error', type: 'text', nullable: true })
  handlerError: string | null;

  @Column({ name: 'handled_at', type: 'timestamptz', nullable: true })
  handledAt: Date | null;

  /** When the event's webhook deliveries were created (one per matching endpoint). */
  @Column({ name: 'fanned_out_at', type: 'timestamptz', nullable: true })
  fannedOutAt: Date | null;
}
