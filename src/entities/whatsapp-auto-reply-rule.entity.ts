import { BaseEntity, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';
import { WhatsAppTemplate } from './whatsapp-template.entity.js';

/**
 * A keyword auto-reply: when a customer's message holds one of the keywords (or matches the
 * pattern), in the rule's language if it has one, the text or the template is sent. Rules run in
 * `position` order; one that stops ends the run.
 */
@Entity({ name: 'whatsapp_auto_reply_rules' })
@Index('ix_whatsapp_auto_reply_rules_position', ['position'])
export class WhatsAppAutoReplyRule extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_auto_reply_rules' })
  id: string;

  /** Null: every number. */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_auto_reply_rules_account' })
  account?: WhatsAppAccount | null;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  /** Whole words or phrases, matched without case or accents. */
  @Column({ type: 'text', array: true, default: () => `'{}'` })
  keywords: string[];

  /** A regular expression (RE2 syntax: linear time, whatever the customer writes). */
  @Column({ type: 'varchar', length: 500, nullable: true })
  pattern: string | null;

  /** Only for customers writing in this language (`fr`); null: any. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  language: string | null;

  @Column({ name: 'reply_text', type: 'text', nullable: true })
  replyText: string | null;

  @Column({ name: 'template_id', type: 'uuid', nullable: true })
  templateId: string | null;

  @ManyToOne(() => WhatsAppTemplate, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'template_id', foreignKeyConstraintName: 'fk_whatsapp_auto_reply_rules_template' })
  template?: WhatsAppTemplate | null;

  /** Stop at this rule when it matched; otherwise the next rules are tried too. */
  @Column({ name: 'stop_after', type: 'boolean', default: true })
  stopAfter: boolean;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
