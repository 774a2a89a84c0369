import { BaseEntity, Check, Column, Entity, PrimaryColumn } from 'typeorm';
import type { AgentRole } from '../domain/agent-role.js';
import type { Availability } from '../domain/automation-kinds.js';
import { CreatedAt, UpdatedAt } from './columns.js';

/**
 * A person of the host CRM who works the inbox, kept by the host's own user id (no copy of the
 * host's users, no foreign key into a table the plugin does not own). Created the first time the
 * person is seen signed in, and brought up to date whenever the host says something changed.
 */
@Entity({ name: 'whatsapp_agents' })
@Check('ck_whatsapp_agents_role', `"role" IN ('super_admin', 'manager', 'agent')`)
@Check('ck_whatsapp_agents_availability', `"availability" IN ('online', 'away', 'offline')`)
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

  /** What the agent chose; `online` counts as away after a while without activity (automatic assignment). */
  @Column({ type: 'varchar', length: 10, default: 'offline' })
  availability: Availability;

  @Column({ name: 'availability_changed_at', type: 'timestamptz', nullable: true })
  availabilityChangedAt: Date | null;

  /** Open conversations automatic assignment gives this agent at most; null: the number's capacity. */
  @Column({ name: 'max_open_conversations', type: 'integer', nullable: true })
  maxOpenConversations: number | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
