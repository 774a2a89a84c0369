import { BaseEntity, Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';

export const PERMISSION_CHANGES = ['granted', 'revoked'] as const;
export type PermissionChangeKind = (typeof PERMISSION_CHANGES)[number];

/**
 * The audit of grants and revocations: who gave or took which permission, for which number,
 * and when. Append-only; kept when the grant row itself is deleted.
 */
@Entity({ name: 'whatsapp_permission_changes' })
@Check('ck_whatsapp_permission_changes_change', `"change" IN ('granted', 'revoked')`)
@Index('ix_whatsapp_permission_changes_agent_created', ['agentId', 'createdAt'])
export class WhatsAppPermissionChange extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_permission_changes' })
  id: string;

  @Column({ name: 'agent_id', type: 'varchar', length: 200 })
  agentId: string;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agent_id', foreignKeyConstraintName: 'fk_whatsapp_permission_changes_agent' })
  agent?: WhatsAppAgent;

  @Column({ type: 'varchar', length: 50 })
  permission: string;

  /** Null: every number. Not a foreign key: the audit outlives a deleted number. */
  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @Column({ type: 'varchar', length: 10 })
  change: PermissionChangeKind;

  @Column({ name: 'actor_id', type: 'varchar', length: 200, nullable: true })
  actorId: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'actor_id', foreignKeyConstraintName: 'fk_whatsapp_permission_changes_actor' })
  actor?: WhatsAppAgent | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
