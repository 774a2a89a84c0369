import { BaseEntity, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { AdminUser } from './admin-user.entity.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';

/** A permission held by an admin, for every number (accountId null) or for one. */
@Entity({ name: 'whatsapp_permission_grants' })
@Index('ix_whatsapp_permission_grants_admin', ['adminId'])
// A permission is held once for all numbers and at most once per number.
@Index('uq_whatsapp_permission_grants_all_numbers', ['adminId', 'permission'], { unique: true, where: `"account_id" IS NULL` })
@Index('uq_whatsapp_permission_grants_one_number', ['adminId', 'permission', 'accountId'], {
  unique: true,
  where: `"account_id" IS NOT NULL`,
})
export class WhatsAppPermissionGrant extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_permission_grants' })
  id: string;

  @Column({ name: 'admin_id', type: 'uuid' })
  adminId: string;

  @ManyToOne(() => AdminUser, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'admin_id', foreignKeyConstraintName: 'fk_whatsapp_permission_grants_admin' })
  admin?: AdminUser;

  @Column({ type: 'varchar', length: 50 })
  permission: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_permission_grants_account' })
  account?: WhatsAppAccount | null;

  @Column({ name: 'granted_by_id', type: 'uuid', nullable: true })
  grantedById: string | null;

  @ManyToOne(() => AdminUser, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'granted_by_id', foreignKeyConstraintName: 'fk_whatsapp_permission_grants_granted_by' })
  grantedBy?: AdminUser | null;

  @CreateDateColumn({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;
}
