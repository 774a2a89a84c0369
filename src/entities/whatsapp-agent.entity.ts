import { BaseEntity, Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { AgentRole } from '../domain/agent-role.js';
import { CreatedAt, UpdatedAt } from './columns.js';

/**
 * A person of the host CRM who works the inbox, kept by the host's own user id (no copy of the
 * host's users, no foreign key into a table the plugin does not own). Created the first time the
 * person is seen signed in, and brought up to date whenever the host says something changed.
 */
@Entity({ name: 'whatsapp_agents' })
@Check('ck_whatsapp_agents_role', `"role" IN ('super_admin', 'manager', 'agent')`)
export class WhatsAppAgent extends BaseEntity {
  /** The host's user id, as text (a number, a uuid, an e-mail: whatever the host uses). */
  @PrimaryColumn({ type: 'varchar', length: 200, primaryKeyConstraintName: 'pk_whatsapp_agents' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 20, default: 'agent' })
  role: AgentRole;

  /** The language chosen in the back office's menu. Null: the host's, else the browser's. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  language: string | null;

  @Column({ name: 'is_active', type: 'boolean', default: true })
  isActive: boolean;

  @Column({ name: 'last_seen_at', type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
