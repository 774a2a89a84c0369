import { BaseEntity, Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { WhatsAppAccount } from './whatsapp-account.entity.js';
import { WhatsAppContact } from './whatsapp-contact.entity.js';

/**
 * Every edit and deletion of a message, by the wamid of the message it changes. A message's
 * body, edit history and deletion are computed from this ledger, so edits delivered out of order
 * or before their message converge, and only its own author (same contact, same side) can change it.
 */
@Entity({ name: 'whatsapp_message_revisions' })
@Unique('uq_whatsapp_message_revisions_revision_wamid', ['revisionWamid'])
@Check('ck_whatsapp_message_revisions_kind', `"kind" IN ('edit', 'revoke')`)
@Check('ck_whatsapp_message_revisions_direction', `"direction" IN ('inbound', 'outbound')`)
@Index('ix_whatsapp_message_revisions_target', ['targetWamid'])
export class WhatsAppMessageRevision extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_message_revisions' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_message_revisions_account' })
  account?: WhatsAppAccount;

  /** The customer of the conversation: the author (inbound) or the one the business wrote to (outbound). */
  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => WhatsAppContact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'fk_whatsapp_message_revisions_contact' })
  contact?: WhatsAppContact;

  /** inbound: the customer changed their message; outbound: the business, from the WhatsApp Business app. */
  @Column({ type: 'varchar', length: 10 })
  direction: 'inbound' | 'outbound';

  @Column({ name: 'revision_wamid', type: 'varchar', length: 255 })
  revisionWamid: string;

  @Column({ name: 'target_wamid', type: 'varchar', length: 255 })
  targetWamid: string;

  @Column({ type: 'varchar', length: 10 })
  kind: 'edit' | 'revoke';

  /** The new text of an edit. */
  @Column({ type: 'text', nullable: true })
  body: string | null;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ name: 'revised_at', type: 'timestamptz' })
  revisedAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
