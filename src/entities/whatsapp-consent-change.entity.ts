import { BaseEntity, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { WhatsAppContact } from './whatsapp-contact.entity.js';

/**
 * Every marketing stop and resume a contact gave (or Meta reported), with when and how. The
 * contact's consent columns are computed from this ledger, so stops and resumes delivered late,
 * twice or out of order end as the customer left them.
 */
@Entity({ name: 'whatsapp_consent_changes' })
@Unique('uq_whatsapp_consent_changes_contact_at_value', ['contactId', 'at', 'optedOut'])
export class WhatsAppConsentChange extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_consent_changes' })
  id: string;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => WhatsAppContact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'fk_whatsapp_consent_changes_contact' })
  contact?: WhatsAppContact;

  /** True: stop marketing; false: resume. */
  @Column({ name: 'opted_out', type: 'boolean' })
  optedOut: boolean;

  @Column({ type: 'varchar', length: 40 })
  source: string;

  /** When the customer (or Meta) said so. */
  @Column({ type: 'timestamptz' })
  at: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
