import { BaseEntity, Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { SequenceStatus, SequenceStep, SequenceTrigger } from '../domain/campaign-kinds.js';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';

/** Steps (templates, waits, branches, free text) that contacts enrolled in go through, one at a time, in their own time zone. */
@Entity({ name: 'whatsapp_sequences' })
@Check('ck_whatsapp_sequences_status', `"status" IN ('active', 'paused')`)
export class WhatsAppSequence extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_sequences' })
  id: string;

  @Column({ name: 'account_id', type: 'uuid' })
  accountId: string;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_sequences_account' })
  account?: WhatsAppAccount;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  /** Paused: enrollments wait where they are; no new ones by event. */
  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: SequenceStatus;

  /** In order; each has a stable id, so an enrollment keeps its place when steps are edited. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  steps: SequenceStep[];

  /** What enrolls a contact by itself: a lead created, a keyword, a label added, the API. */
  @Column({ type: 'jsonb', default: () => `'[]'` })
  triggers: SequenceTrigger[];

  @Column({ name: 'exit_on_reply', type: 'boolean', default: true })
  exitOnReply: boolean;

  @Column({ name: 'exit_on_resolve', type: 'boolean', default: false })
  exitOnResolve: boolean;

  @Column({ name: 'created_by_id', type: 'varchar', length: 200, nullable: true })
  createdById: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'created_by_id', foreignKeyConstraintName: 'fk_whatsapp_sequences_created_by' })
  createdBy?: WhatsAppAgent | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
