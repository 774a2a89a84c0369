import { BaseEntity, Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { RecipientSkipReason, RecipientState } from '../domain/campaign-kinds.js';
import { WhatsAppBroadcast } from './whatsapp-broadcast.entity.js';
import { WhatsAppContact } from './whatsapp-contact.entity.js';
import { WhatsAppMessage } from './whatsapp-message.entity.js';

/**
 * One row of a broadcast's audience: `pending` until its message is queued (`queued`, with the
 * message, in the same transaction), or `skipped` with the reason (invalid phone, duplicate,
 * opted out, missing parameter…). The unique message and the unique live phone make "at most one
 * message per recipient" a property of the database.
 */
@Entity({ name: 'whatsapp_broadcast_recipients' })
@Unique('uq_whatsapp_broadcast_recipients_position', ['broadcastId', 'position'])
@Unique('uq_whatsapp_broadcast_recipients_message', ['messageId'])
@Check('ck_whatsapp_broadcast_recipients_state', `"state" IN ('pending', 'queued', 'skipped')`)
@Index('uq_whatsapp_broadcast_recipients_phone', ['broadcastId', 'waId'], { unique: true, where: `"state" <> 'skipped'` })
@Index('ix_whatsapp_broadcast_recipients_pending', ['broadcastId', 'position'], { where: `"state" = 'pending'` })
@Index('ix_whatsapp_broadcast_recipients_awaiting_reply', ['contactId'], { where: `"state" = 'queued' AND "replied_at" IS NULL` })
export class WhatsAppBroadcastRecipient extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_broadcast_recipients' })
  id: string;

  @Column({ name: 'broadcast_id', type: 'uuid' })
  broadcastId: string;

  @ManyToOne(() => WhatsAppBroadcast, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'broadcast_id', foreignKeyConstraintName: 'fk_whatsapp_broadcast_recipients_broadcast' })
  broadcast?: WhatsAppBroadcast;

  /** The row's order in the audience (the CSV's line number for an upload). */
  @Column({ type: 'integer' })
  position: number;

  /** The phone as the CSV or the host gave it, kept to report an invalid one. */
  @Column({ name: 'phone_input', type: 'varchar', length: 100, nullable: true })
  phoneInput: string | null;

  @Column({ name: 'wa_id', type: 'varchar', length: 32, nullable: true })
  waId: string | null;

  @Column({ name: 'contact_id', type: 'uuid', nullable: true })
  contactId: string | null;

  @ManyToOne(() => WhatsAppContact, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'fk_whatsapp_broadcast_recipients_contact' })
  contact?: WhatsAppContact | null;

  /** The host record a host audience named (shown beside the phone). */
  @Column({ name: 'crm_record_label', type: 'varchar', length: 300, nullable: true })
  crmRecordLabel: string | null;

  /** The row's own values (CSV columns, host fields), which template parameters may map to. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  values: Record<string, string>;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  state: RecipientState;

  @Column({ name: 'skip_reason', type: 'varchar', length: 40, nullable: true })
  skipReason: RecipientSkipReason | null;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @ManyToOne(() => WhatsAppMessage, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_whatsapp_broadcast_recipients_message' })
  message?: WhatsAppMessage | null;

  /** The customer wrote back after the broadcast reached them. */
  @Column({ name: 'replied_at', type: 'timestamptz', nullable: true })
  repliedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
