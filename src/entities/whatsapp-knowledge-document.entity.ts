import { BaseEntity, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { KnowledgeFileKind } from '../domain/assistant-modes.js';
import { CreatedAt } from './columns.js';
import { WhatsAppKnowledgeBase } from './whatsapp-knowledge-base.entity.js';

/** An uploaded file, kept as the text extracted from it (a CSV's rows become entries). */
@Entity({ name: 'whatsapp_knowledge_documents' })
@Check('ck_whatsapp_knowledge_documents_kind', `"kind" IN ('csv', 'text', 'markdown', 'pdf')`)
@Index('ix_whatsapp_knowledge_documents_base', ['knowledgeBaseId'])
export class WhatsAppKnowledgeDocument extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_knowledge_documents' })
  id: string;

  @Column({ name: 'knowledge_base_id', type: 'uuid' })
  knowledgeBaseId: string;

  @ManyToOne(() => WhatsAppKnowledgeBase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'knowledge_base_id', foreignKeyConstraintName: 'fk_whatsapp_knowledge_documents_base' })
  knowledgeBase?: WhatsAppKnowledgeBase;

  @Column({ name: 'file_name', type: 'varchar', length: 255 })
  fileName: string;

  @Column({ type: 'varchar', length: 10 })
  kind: KnowledgeFileKind;

  @Column({ name: 'byte_size', type: 'integer' })
  byteSize: number;

  @Column({ type: 'text' })
  text: string;

  @CreatedAt()
  createdAt: Date;
}
