import { BaseEntity, Entity, Index, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { WhatsAppAccount } from './whatsapp-account.entity.js';
import { WhatsAppKnowledgeBase } from './whatsapp-knowledge-base.entity.js';

/** A number that answers from a knowledge base (a base may serve several numbers, a number several bases). */
@Entity({ name: 'whatsapp_knowledge_base_numbers' })
@Index('ix_whatsapp_knowledge_base_numbers_account', ['accountId'])
export class WhatsAppKnowledgeBaseNumber extends BaseEntity {
  @PrimaryColumn({ name: 'knowledge_base_id', type: 'uuid', primaryKeyConstraintName: 'pk_whatsapp_knowledge_base_numbers' })
  knowledgeBaseId: string;

  @ManyToOne(() => WhatsAppKnowledgeBase, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'knowledge_base_id', foreignKeyConstraintName: 'fk_whatsapp_knowledge_base_numbers_base' })
  knowledgeBase?: WhatsAppKnowledgeBase;

  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'pk_whatsapp_knowledge_base_numbers' })
  accountId: string;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_knowledge_base_numbers_account' })
  account?: WhatsAppAccount;
}
