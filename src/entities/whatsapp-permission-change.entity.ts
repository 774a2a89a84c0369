import { BaseEntity, Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AdminUser } from './admin-user.entity.js';

export const PERMISSION_CHANGES = ['granted', 'revoked'] as const;
export type PermissionChangeKind = (typeof PERMISSION_CHANGES)[number];

/**
 * The audit of grants and revocations: who gave or took which permission, for which number,
 * and when. Append-only; kept when the grant row itself is deleted.
 */
@Entity({ name: 'whatsapp_permission_changes' })
@Check('ck_whatsapp_permission_changes_change', `"change" IN ('granted', 'revoked')`)
@Index('ix_whatsapp_permission_changes_admin_created', ['adminId', 'createdAt'])
export class WhatsAppPermissionChange extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_permission_changes' })
  id: string;

  @Column({ name: 'admin_id', type: 'uuid' })
  adminId: string;

  @ManyToOne(() => AdminUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'admin_id', foreignKeyConstraintName: 'fk_whatsapp_permission_changes_admin' })
  admin?: AdminUser;

  @Column({ type: 'varchar', length: 50 })
  permission: string;

  /** Null: every number. Not a foreign key: the audit outlives a deleted number. */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'varchar', length: 10 })
  change: PermissionChangeKind;

  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @ManyToOne(() => AdminUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_whatsapp_permission_changes_actor' })
  actor?: AdminUser | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
