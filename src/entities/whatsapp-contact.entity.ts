import { BaseEntity, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';

/** A WhatsApp user as one business number sees them. `waId` is the identity; it is null for username-only users. */
@Entity({ name: 'whatsapp_contacts' })
@Check('ck_whatsapp_contacts_identity', `"wa_id" IS NOT NULL OR "user_id" IS NOT NULL`)
// An empty wa_id is "no phone": storing it once merged every username customer into one contact.
@Check('ck_whatsapp_contacts_wa_id_not_blank', `"wa_id" <> ''`)
@Unique('uq_whatsapp_contacts_account_wa_id', ['accountId', 'waId'])
@Index('uq_whatsapp_contacts_account_user_id', ['accountId', 'userId'], { unique: true, where: `"user_id" IS NOT NULL` })
@Index('ix_whatsapp_contacts_phone_e164', ['phoneE164'])
// Search: trigrams of search_text (migration 1100, when pg_trgm is there).
@Index('ix_whatsapp_contacts_search', { synchronize: false })
export class WhatsAppContact extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_contacts' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_contacts_account' })
  account?: WhatsAppAccount;

  @Column({ name: 'wa_id', type: 'varchar', length: 32, nullable: true })
  waId: string | null;

  /** Business-scoped user id (BSUID), present for users who hide their phone behind a username. */
  @Column({ name: 'user_id', type: 'varchar', length: 128, nullable: true })
  userId: string | null;

  /** The WhatsApp username (shown where there is no phone); the BSUID is the identity, not this. */
  @Column({ type: 'varchar', length: 100, nullable: true })
  username: string | null;

  @Column({ name: 'phone_e164', type: 'varchar', length: 20, nullable: true })
  phoneE164: string | null;

  @Column({ name: 'profile_name', type: 'varchar', length: 200, nullable: true })
  profileName: string | null;

  /** The name agents chose; the profile name is whatever the customer typed in WhatsApp. */
  @Column({ name: 'display_name', type: 'varchar', length: 200, nullable: true })
  displayName: string | null;

  @Column({ name: 'crm_record_type', type: 'varchar', length: 100, nullable: true })
  crmRecordType: string | null;

  @Column({ name: 'crm_record_id', type: 'varchar', length: 100, nullable: true })
  crmRecordId: string | null;

  @Column({ name: 'crm_record_label', type: 'varchar', length: 300, nullable: true })
  crmRecordLabel: string | null;

  /** The matched record's fields the host chose to share (canned replies' `{{crm.<field>}}`). */
  @Column({ name: 'crm_record_fields', type: 'jsonb', nullable: true })
  crmRecordFields: Record<string, string> | null;

  /** Coexistence: when the business's WhatsApp Business app address book last named this contact (a stale sync never overwrites a newer one). */
  @Column({ name: 'app_contact_synced_at', type: 'timestamptz', nullable: true })
  appContactSyncedAt: Date | null;

  /** Null: the contact may receive marketing templates. Set by `setMarketingConsent` only. */
  @Column({ name: 'marketing_opted_out_at', type: 'timestamptz', nullable: true })
  marketingOptedOutAt: Date | null;

  /** Who said so last: user_preferences (the customer in WhatsApp), meta_131050 (Meta refused a send), keyword, agent, api. */
  @Column({ name: 'marketing_consent_source', type: 'varchar', length: 40, nullable: true })
  marketingConsentSource: string | null;

  /** When the consent last changed (the time of what said so, so a late delivery never undoes a newer choice). */
  @Column({ name: 'marketing_consent_changed_at', type: 'timestamptz', nullable: true })
  marketingConsentChangedAt: Date | null;

  /** The names, CRM label and number normalised (whatsapp_search_text), written by a trigger: what search compares. */
  @Column({ name: 'search_text', type: 'text', nullable: true, select: false, insert: false, update: false })
  searchText: string | null;

  /** The contact's own time zone (IANA), when the CRM, an import or the API gave one: sequence steps fire in it. */
  @Column({ name: 'time_zone', type: 'varchar', length: 64, nullable: true })
  timeZone: string | null;

  /** Attributes the business keeps on the contact (plan, city, language…): audiences, template parameters, sequence branches. */
  @Column({ type: 'jsonb', default: () => `'{}'` })
  attributes: Record<string, string>;

  /** The customer's language as the CRM tells it (or as last detected from their text): automatic messages use it. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  language: string | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
