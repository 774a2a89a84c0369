import { BaseEntity, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { CreatedAt, UpdatedAt } from './columns.js';

/**
 * A ready-made answer agents insert with `/shortcut`: shared by everyone (no owner) or an agent's
 * own, in one language or any. Its text may hold placeholders (`{{contact.name}}`…) filled for
 * the conversation before the agent sends it.
 */
@Entity({ name: 'whatsapp_canned_replies' })
@Check('ck_whatsapp_canned_replies_shortcut', `"shortcut" ~ '^[a-z0-9][a-z0-9_-]{0,39}$'`)
// One meaning per shortcut and language, among the shared replies and among each agent's own
// (expressions TypeORM cannot declare: the migration creates them).
@Index('uq_whatsapp_canned_replies_shared', { synchronize: false })
@Index('uq_whatsapp_canned_replies_personal', { synchronize: false })
export class WhatsAppCannedReply extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_canned_replies' })
  id: string;

  /** Typed after `/` in the reply box: lower-case letters, digits, `-` and `_`. */
  @Column({ type: 'varchar', length: 40 })
  shortcut: string;

  @Column({ type: 'varchar', length: 100 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  /** `en`, `fr`, `ar`…; null: any language. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  language: string | null;

  /** Null: shared by every agent (managers keep them); else the agent whose own reply it is. */
  @Column({ name: 'owner_id', type: 'varchar', length: 200, nullable: true })
  ownerId: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'owner_id', foreignKeyConstraintName: 'fk_whatsapp_canned_replies_owner' })
  owner?: WhatsAppAgent | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
