import { BaseEntity, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';

/** A permission held by an admin, for every number (accountId null) or for one. */
@Entity({ name: 'whatsapp_permission_grants' })
@Index('ix_whatsapp_permission_grants_agent', ['agentId'])
// A permission is held once for all numbers and at most once per number.
@Index('uq_whatsapp_permission_grants_all_numbers', ['agentId', 'permission'], { unique: true, where: `"account_id" IS NULL` })
@Index('uq_whatsapp_permission_grants_one_number', ['agentId', 'permission', 'accountId'], {
  unique: true,
  where: `"account_id" IS NOT NULL`,
})
export class WhatsAppPermissionGrant extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_permission_grants' })
  id: string;

  @Column({ name: 'agent_id', type: 'varchar', length: 200 })
  agentId: string;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agent_id', foreignKeyConstraintName: 'fk_whatsapp_permission_grants_agent' })
  agent?: WhatsAppAgent;

  @Column({ type: 'varchar', length: 50 })
  permission: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_permission_grants_account' })
  account?: WhatsAppAccount | null;

  @Column({ name: 'granted_by_id', type: 'varchar', length: 200, nullable: true })
  grantedById: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'granted_by_id', foreignKeyConstraintName: 'fk_whatsapp_permission_grants_granted_by' })
  grantedBy?: WhatsAppAgent | null;

  @CreateDateColumn({ name: 'granted_at', type: 'timestamptz' })
  grantedAt: Date;
}
