import { BaseEntity, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';

/**
 * A bearer token of the REST API. Only its SHA-256 is stored (the token is 256 random bits,
 * shown once); it acts for the manager who created it, within its permissions and numbers.
 */
@Entity({ name: 'whatsapp_api_tokens' })
@Unique('uq_whatsapp_api_tokens_hash', ['tokenHash'])
export class WhatsAppApiToken extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_api_tokens' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** The token's first characters (`wat_1a2b3c4d`), to recognise it in lists and logs. */
  @Column({ name: 'token_prefix', type: 'varchar', length: 20 })
  tokenPrefix: string;

  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'text', array: true })
  permissions: string[];

  /** The numbers it may act on; null: every number its creator may. */
  @Column({ name: 'account_ids', type: 'uuid', array: true, nullable: true })
  accountIds: string[] | null;

  @Column({ name: 'requests_per_minute', type: 'integer', default: 120 })
  requestsPerMinute: number;

  @Column({ name: 'created_by_id', type: 'varchar', length: 200 })
  createdById: string;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_whatsapp_api_tokens_created_by' })
  createdBy?: WhatsAppAgent;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
