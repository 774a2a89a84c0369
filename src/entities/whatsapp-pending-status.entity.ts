import { BaseEntity, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { WhatsAppAccount } from './whatsapp-account.entity.js';

/**
 * A status webhook whose message is not known yet (Meta's status raced our send response, or
 * the message was sent outside the plugin). Applied and deleted when a message with that wamid
 * appears; never dropped.
 */
@Entity({ name: 'whatsapp_pending_statuses' })
@Unique('uq_whatsapp_pending_statuses_wamid_status', ['wamid', 'status'])
@Index('ix_whatsapp_pending_statuses_callback_data', ['bizOpaqueCallbackData'])
export class WhatsAppPendingStatus extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_pending_statuses' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_pending_statuses_account' })
  account?: WhatsAppAccount;

  @Column({ type: 'varchar', length: 255 })
  wamid: string;

  /** Meta's status: sent, delivered, read, played or failed. */
  @Column({ type: 'varchar', length: 10 })
  status: string;

  /** Meta's timestamp of the status. */
  @Column({ name: 'status_at', type: 'timestamptz' })
  statusAt: Date;

  @Column({ name: 'recipient_id', type: 'varchar', length: 128, nullable: true })
  recipientId: string | null;

  /** Our own message id echoed back by Meta: how the sending side reconciles a send whose outcome it did not learn. */
  @Column({ name: 'biz_opaque_callback_data', type: 'varchar', length: 512, nullable: true })
  bizOpaqueCallbackData: string | null;

  /** The status exactly as Meta sent it (errors, pricing, conversation). */
  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
