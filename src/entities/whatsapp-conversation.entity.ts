import { BaseEntity, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { WhatsAppLead } from './whatsapp-lead.entity.js';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';
import { WhatsAppContact } from './whatsapp-contact.entity.js';

export const CONVERSATION_STATUSES = ['open', 'pending', 'snoozed', 'resolved'] as const;
export type ConversationStatus = (typeof CONVERSATION_STATUSES)[number];

@Entity({ name: 'whatsapp_conversations' })
@Check('ck_whatsapp_conversations_status', `"status" IN ('open', 'pending', 'snoozed', 'resolved')`)
@Check('ck_whatsapp_conversations_unread', `"unread_count" >= 0`)
// The database, not the code, guarantees one live conversation per contact: concurrent
// workers racing on "find or create" (an album of images) must collide here.
@Index('uq_whatsapp_conversations_live_per_contact', ['accountId', 'contactId'], {
  unique: true,
  where: `"status" <> 'resolved'`,
})
@Index('ix_whatsapp_conversations_status_last_message', ['status', 'lastMessageAt'])
// The agents' first page: open conversations of an assignee, or of a number, newest activity first.
@Index('ix_whatsapp_conversations_assignee_status_last', ['assigneeId', 'status', 'lastMessageAt'])
@Index('ix_whatsapp_conversations_account_status_last', ['accountId', 'status', 'lastMessageAt'])
@Index('ix_whatsapp_conversations_contact', ['contactId'])
// Every conversation by activity, (last_message_at DESC NULLS LAST, id DESC), which TypeORM cannot express: the migration declares it.
@Index('ix_whatsapp_conversations_last_message', { synchronize: false })
@Index('ix_whatsapp_conversations_lead', ['leadId'], { where: `"lead_id" IS NOT NULL` })
@Index('ix_whatsapp_conversations_referral_source', ['referralSourceId'], { where: `"referral_source_id" IS NOT NULL` })
@Index('ix_whatsapp_conversations_unread_waiting', ['assigneeId', 'accountId'], { where: `"unread_count" > 0 AND "status" <> 'resolved'` })
export class WhatsAppConversation extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_conversations' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_conversations_account' })
  account?: WhatsAppAccount;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => WhatsAppContact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'fk_whatsapp_conversations_contact' })
  contact?: WhatsAppContact;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status: ConversationStatus;

  @Column({ name: 'assignee_id', type: 'varchar', length: 200, nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_whatsapp_conversations_assignee' })
  assignee?: WhatsAppAgent | null;

  /** Set by keyword routing (school, institution, company, partnership…). */
  @Column({ type: 'varchar', length: 50, nullable: true })
  intent: string | null;

  /**
   * The names of its labels (whatsapp_conversation_labels), written only by the database's
   * triggers: the reports' rollups and the SLA policies match labels by name here.
   */
  @Column({ type: 'text', array: true, default: () => `'{}'`, insert: false, update: false })
  labels: string[];

  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId: string | null;

  @ManyToOne(() => WhatsAppLead, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'lead_id', foreignKeyConstraintName: 'fk_whatsapp_conversations_lead' })
  lead?: WhatsAppLead | null;

  @Column({ name: 'unread_count', type: 'integer', default: 0 })
  unreadCount: number;

  @Column({ name: 'last_message_at', type: 'timestamptz', nullable: true })
  lastMessageAt: Date | null;

  /** The customer's last message: the 24-hour customer-service window runs from here. */
  @Column({ name: 'last_inbound_at', type: 'timestamptz', nullable: true })
  lastInboundAt: Date | null;

  /** While `snoozed`: when it comes back by itself (null: when the customer writes again). */
  @Column({ name: 'snoozed_until', type: 'timestamptz', nullable: true })
  snoozedUntil: Date | null;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  /** The click-to-WhatsApp ad that brought the customer (the earliest referral of the conversation), as Meta sent it. */
  @Column({ type: 'jsonb', nullable: true })
  referral: Record<string, unknown> | null;

  /** The ad's (or post's) id, for filtering conversations by ad. */
  @Column({ name: 'referral_source_id', type: 'varchar', length: 100, nullable: true })
  referralSourceId: string | null;

  @Column({ name: 'referral_at', type: 'timestamptz', nullable: true })
  referralAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
