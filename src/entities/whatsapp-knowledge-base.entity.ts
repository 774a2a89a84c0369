import { BaseEntity, Check, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { IndexStatus } from '../domain/assistant-modes.js';
import { CreatedAt, UpdatedAt } from './columns.js';

/** FAQ entries and documents a business's assistant answers from, shared by one or more numbers. */
@Entity({ name: 'whatsapp_knowledge_bases' })
@Check('ck_whatsapp_knowledge_bases_index_status', `"index_status" IN ('idle', 'queued', 'indexing', 'failed')`)
export class WhatsAppKnowledgeBase extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_knowledge_bases' })
  id: string;

  @Column({ type: 'varchar', length: 100 })
  name: string;

  @Column({ type: 'text', nullable: true })
  description: string | null;

  /** The re-indexing job's state: queued, indexing (index_done of index_total passages), failed (index_error). */
  @Column({ name: 'index_status', type: 'varchar', length: 10, default: 'idle' })
  indexStatus: IndexStatus;

  @Column({ name: 'index_total', type: 'integer', default: 0 })
  indexTotal: number;

  @Column({ name: 'index_done', type: 'integer', default: 0 })
  indexDone: number;

  @Column({ name: 'index_error', type: 'text', nullable: true })
  indexError: string | null;

  @Column({ name: 'indexed_at', type: 'timestamptz', nullable: true })
  indexedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
