import { BaseEntity, Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { CreatedAt, UpdatedAt } from './columns.js';

export const ADMIN_ROLES = ['super_admin', 'manager', 'agent'] as const;
export type AdminRole = (typeof ADMIN_ROLES)[number];

@Entity({ name: 'admin_users' })
@Unique('uq_admin_users_email', ['email'])
@Check('ck_admin_users_role', `"role" IN ('super_admin', 'manager', 'agent')`)
export class AdminUser extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_admin_users' })
  id: string;

  /** Stored lower-cased: logins are case-insensitive. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20, default: 'agent' })
  role: AdminRole;

  /** Null: follow the browser's Accept-Language. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  language: string | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
