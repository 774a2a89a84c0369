import { BaseEntity, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { WhatsAppAccount } from './whatsapp-account.entity.js';

/**
 * Every reaction a customer sent, removals included (`emoji` null). A message's `reactions`
 * are computed from this ledger (latest per reactor), so a reaction and its removal give the
 * same result whatever order Meta delivers them in, and a reaction to a message not stored
 * yet shows up when that message appears.
 */
@Entity({ name: 'whatsapp_message_reactions' })
@Unique('uq_whatsapp_message_reactions_reaction_wamid', ['reactionWamid'])
@Index('ix_whatsapp_message_reactions_target', ['targetWamid'])
export class WhatsAppMessageReaction extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_message_reactions' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_message_reactions_account' })
  account?: WhatsAppAccount;

  /** The id of the reaction message itself: redeliveries collide here. */
  @Column({ name: 'reaction_wamid', type: 'varchar', length: 255 })
  reactionWamid: string;

  @Column({ name: 'target_wamid', type: 'varchar', length: 255 })
  targetWamid: string;

  /** The customer's wa_id, or user_id for username-only users. */
  @Column({ type: 'varchar', length: 128 })
  reactor: string;

  /** Null: the customer removed their reaction. */
  @Column({ type: 'varchar', length: 64, nullable: true })
  emoji: string | null;

  @Column({ name: 'reacted_at', type: 'timestamptz' })
  reactedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
