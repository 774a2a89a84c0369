import { BaseEntity, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAt, ProblemColumns, UpdatedAt } from './columns.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';

@Entity({ name: 'whatsapp_templates' })
@Unique('uq_whatsapp_templates_account_name_language', ['accountId', 'name', 'language'])
export class WhatsAppTemplate extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_templates' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_templates_account' })
  account?: WhatsAppAccount;

  @Column({ type: 'varchar', length: 512 })
  name: string;

  @Column({ type: 'varchar', length: 15 })
  language: string;

  /** MARKETING, UTILITY or AUTHENTICATION; Meta may change it at any time. */
  @Column({ type: 'varchar', length: 20, nullable: true })
  category: string | null;

  /** Meta's status: APPROVED, PENDING, REJECTED, PAUSED, DISABLED… */
  @Column({ type: 'varchar', length: 30, default: 'PENDING' })
  status: string;

  /** GREEN, YELLOW, RED or UNKNOWN. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  quality: string | null;

  @Column({ name: 'parameter_format', type: 'varchar', length: 12, default: 'POSITIONAL' })
  parameterFormat: string;

  @Column({ type: 'jsonb', default: () => `'[]'` })
  components: unknown[];

  @Column({ name: 'rejection_reason', type: 'text', nullable: true })
  rejectionReason: string | null;

  @Column({ name: 'meta_id', type: 'varchar', length: 64, nullable: true })
  metaId: string | null;

  @Column({ name: 'last_synced_at', type: 'timestamptz', nullable: true })
  lastSyncedAt: Date | null;

  /** Meta announced it will recategorise the template to this category at `categoryChangeAt`. */
  @Column({ name: 'pending_category', type: 'varchar', length: 20, nullable: true })
  pendingCategory: string | null;

  @Column({ name: 'category_change_at', type: 'timestamptz', nullable: true })
  categoryChangeAt: Date | null;

  /** FLAGGED (or DISABLED): when Meta disables (or disabled) it. */
  @Column({ name: 'disable_at', type: 'timestamptz', nullable: true })
  disableAt: Date | null;

  /** When Meta last told us its components were edited. */
  @Column({ name: 'components_updated_at', type: 'timestamptz', nullable: true })
  componentsUpdatedAt: Date | null;

  /** Why sends of this template fail (paused, disabled, missing): see ProblemColumns. */
  @ProblemColumns.code()
  problemCode: number | null;

  @ProblemColumns.message()
  problemMessage: string | null;

  @ProblemColumns.explanationKey()
  problemExplanationKey: string | null;

  @ProblemColumns.at()
  problemAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
