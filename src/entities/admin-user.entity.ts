import { BaseEntity, Check, Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { AgentRole } from '../domain/agent-role.js';
import { CreatedAt, UpdatedAt } from './columns.js';

/**
 * A user of the built-in login (`createBackOfficeAuth`), for a host that has no login of its own.
 * The table exists only when that login is used. Signed in, such a user is an agent like any
 * host's user: its agent row carries the same id.
 */
@Entity({ name: 'whatsapp_admin_users' })
@Unique('uq_whatsapp_admin_users_email', ['email'])
@Check('ck_whatsapp_admin_users_role', `"role" IN ('super_admin', 'manager', 'agent')`)
export class AdminUser extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_admin_users' })
  id: string;

  /** Stored lower-cased: logins are case-insensitive. */
  @Column({ type: 'varchar', length: 320 })
  email: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'password_hash', type: 'varchar', length: 255, select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 20, default: 'agent' })
  role: AgentRole;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
