import { BaseEntity, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppConversation } from './whatsapp-conversation.entity.js';
import { WhatsAppTemplate } from './whatsapp-template.entity.js';
import type { MessageDirection, MessageOrigin, MessageStatus } from '../domain/message-status.js';
import type { AutomationKind } from '../domain/automation-kinds.js';

export interface MessageReaction {
  emoji: string;
  from: 'customer' | 'agent';
  /** A customer's: their reaction message. */
  wamid?: string;
  /** The business's: the reaction message it sent (reactToMessage). */
  messageId?: string;
  at: string;
}

@Entity({ name: 'whatsapp_messages' })
@Check('ck_whatsapp_messages_direction', `"direction" IN ('inbound', 'outbound')`)
@Check(
  'ck_whatsapp_messages_status',
  `"status" IN ('queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'unknown', 'received')`,
)
@Check('ck_whatsapp_messages_origin', `"origin" IN ('business_app', 'history')`)
@Check('ck_whatsapp_messages_automation', `"automation" IN ('greeting', 'away', 'auto_reply', 'survey', 'assistant')`)
@Index('ix_whatsapp_messages_conversation_created', ['conversationId', 'createdAt'])
// Dashboard aggregates over the last 30 days. The migration declares it (created_at) INCLUDE
// (direction, conversation_id), which TypeORM cannot express: it is told to leave it alone.
@Index('ix_whatsapp_messages_created', { synchronize: false })
// Search: trigrams of search_text, created by migration 1100 when pg_trgm is there.
@Index('ix_whatsapp_messages_search', { synchronize: false })
@Index('ix_whatsapp_messages_failed', ['failedAt'], { where: `"status" = 'failed'` })
@Index('ix_whatsapp_messages_unsettled', ['status', 'sendingAt'], { where: `"status" IN ('queued', 'sending', 'unknown')` })
@Index('ix_whatsapp_messages_send_cap_in_flight', ['sendCapKey'], { where: `"send_cap_key" IS NOT NULL AND "status" IN ('queued', 'sending')` })
export class WhatsAppMessage extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_messages' })
  id: string;

  @Column({ name: 'conversation_id', type: 'uuid' })
  conversationId: string;

  @ManyToOne(() => WhatsAppConversation, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'conversation_id', foreignKeyConstraintName: 'fk_whatsapp_messages_conversation' })
  conversation?: WhatsAppConversation;

  /** Meta's message id. Unique: redeliveries of one message can never make two rows. Null until an outbound message is accepted. */
  @Index('uq_whatsapp_messages_wamid', { unique: true })
  @Column({ type: 'varchar', length: 255, nullable: true })
  wamid: string | null;

  @Column({ type: 'varchar', length: 10 })
  direction: MessageDirection;

  @Column({ type: 'varchar', length: 30 })
  type: string;

  @Column({ type: 'text', nullable: true })
  body: string | null;

  /** The message exactly as Meta sent it (inbound) or as we sent it (outbound). */
  @Column({ type: 'jsonb', nullable: true })
  payload: Record<string, unknown> | null;

  @Column({ type: 'varchar', length: 10 })
  status: MessageStatus;

  @Column({ name: 'queued_at', type: 'timestamptz', nullable: true })
  queuedAt: Date | null;

  @Column({ name: 'sending_at', type: 'timestamptz', nullable: true })
  sendingAt: Date | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt: Date | null;

  @Column({ name: 'read_at', type: 'timestamptz', nullable: true })
  readAt: Date | null;

  @Column({ name: 'failed_at', type: 'timestamptz', nullable: true })
  failedAt: Date | null;

  /** Inbound: the customer's send time as Meta reports it. */
  @Column({ name: 'received_at', type: 'timestamptz', nullable: true })
  receivedAt: Date | null;

  @Column({ name: 'error_code', type: 'integer', nullable: true })
  errorCode: number | null;

  @Column({ name: 'error_title', type: 'text', nullable: true })
  errorTitle: string | null;

  @Column({ name: 'error_details', type: 'text', nullable: true })
  errorDetails: string | null;

  /** i18n key (locales/<lang>/meta-errors.json) of the plain explanation of `error_code`, shown to agents beside Meta's title. */
  @Column({ name: 'error_explanation_key', type: 'varchar', length: 100, nullable: true })
  errorExplanationKey: string | null;

  /** Outbound: requests made to Meta for this message since it was last queued by a person (automatic retries and resends included). */
  @Column({ name: 'send_attempts', type: 'integer', default: 0 })
  sendAttempts: number;

  /** Outbound: sends whose answer never came (timeout, crash); past a limit the message fails instead of being resent again. */
  @Column({ name: 'unknown_outcomes', type: 'integer', default: 0 })
  unknownOutcomes: number;

  /** Outbound: when the next automatic retry is due, while one is scheduled. */
  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  @Column({ name: 'reply_to_wamid', type: 'varchar', length: 255, nullable: true })
  replyToWamid: string | null;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  reactions: MessageReaction[];

  @Column({ name: 'media_id', type: 'varchar', length: 128, nullable: true })
  mediaId: string | null;

  @Column({ name: 'media_mime_type', type: 'varchar', length: 128, nullable: true })
  mediaMimeType: string | null;

  @Column({ name: 'media_sha256', type: 'varchar', length: 128, nullable: true })
  mediaSha256: string | null;

  @Column({ name: 'media_file_name', type: 'varchar', length: 512, nullable: true })
  mediaFileName: string | null;

  @Column({ name: 'media_size', type: 'bigint', nullable: true })
  mediaSize: string | null;

  @Column({ name: 'media_storage_path', type: 'text', nullable: true })
  mediaStoragePath: string | null;

  /** Why the media file is not (yet) stored: the last download failure's reason; null once stored. */
  @Column({ name: 'media_error', type: 'varchar', length: 40, nullable: true })
  mediaError: string | null;

  @Column({ name: 'media_error_detail', type: 'text', nullable: true })
  mediaErrorDetail: string | null;

  @Column({ name: 'sent_by_id', type: 'varchar', length: 200, nullable: true })
  sentById: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'sent_by_id', foreignKeyConstraintName: 'fk_whatsapp_messages_sent_by' })
  sentBy?: WhatsAppAgent | null;

  /** Outbound: sent by an automation (greeting, away, keyword auto-reply, survey), never by a person. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  automation: AutomationKind | null;

  @Column({ name: 'template_id', type: 'uuid', nullable: true })
  templateId: string | null;

  @ManyToOne(() => WhatsAppTemplate, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'fk_whatsapp_messages_template' })
  template?: WhatsAppTemplate | null;

  /** Null: sent or received through this inbox. `business_app`: an echo of a message sent from the WhatsApp Business app (coexistence); `history`: imported from its chat history. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  origin: MessageOrigin | null;

  /** When the author last edited it; the earlier versions are in `editHistory`, oldest first. */
  @Column({ name: 'edited_at', type: 'timestamptz', nullable: true })
  editedAt: Date | null;

  @Column({ name: 'edit_history', type: 'jsonb', nullable: true })
  editHistory: { body: string | null; at: string }[] | null;

  /** The author deleted it for everyone: agents see "This message was deleted" (the raw event keeps what arrived). */
  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  /** Meta's per-message pricing, from the message's statuses: PMP or CBP. */
  @Column({ name: 'pricing_model', type: 'varchar', length: 10, nullable: true })
  pricingModel: string | null;

  /** marketing, utility, authentication, authentication_international, service, marketing_lite… */
  @Column({ name: 'pricing_category', type: 'varchar', length: 40, nullable: true })
  pricingCategory: string | null;

  /** regular (charged), free_customer_service, free_entry_point… */
  @Column({ name: 'pricing_type', type: 'varchar', length: 40, nullable: true })
  pricingType: string | null;

  @Column({ type: 'boolean', nullable: true })
  billable: boolean | null;

  /** What it cost, in millionths of `costCurrency`, from the rate card in force when it was sent; 0 when free. */
  @Column({ name: 'cost_micros', type: 'bigint', nullable: true })
  costMicros: string | null;

  @Column({ name: 'cost_currency', type: 'char', length: 3, nullable: true })
  costCurrency: string | null;

  /** The recipient's country (ISO 3166), which picks the rate card's market. */
  @Column({ name: 'recipient_country', type: 'varchar', length: 2, nullable: true })
  recipientCountry: string | null;

  /** whatsapp_search_text(body), written by a trigger (null for reactions): what search compares. Never read by the app. */
  @Column({ name: 'search_text', type: 'text', nullable: true, select: false, insert: false, update: false })
  searchText: string | null;

  /**
   * A cap a group of messages shares below the number's throughput (a broadcast's sending speed):
   * the send reserves a slot of `send_cap_key` at `send_cap_per_second` as well as the number's.
   */
  @Column({ name: 'send_cap_key', type: 'varchar', length: 100, nullable: true })
  sendCapKey: string | null;

  @Column({ name: 'send_cap_per_second', type: 'double precision', nullable: true })
  sendCapPerSecond: number | null;

  /** Sent through Meta's Marketing Messages API (`/marketing_messages`) instead of `/messages`. */
  @Column({ name: 'marketing_api', type: 'boolean', default: false })
  marketingApi: boolean;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
