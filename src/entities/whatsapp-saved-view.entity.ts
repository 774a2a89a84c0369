import { BaseEntity, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { InboxFilters } from '../domain/inbox-filters.js';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';

/** An inbox view an agent saved for himself: a name and the list's tab and filters. */
@Entity({ name: 'whatsapp_saved_views' })
@Unique('uq_whatsapp_saved_views_agent_name', ['agentId', 'name'])
export class WhatsAppSavedView extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_saved_views' })
  id: string;

  @Column({ name: 'agent_id', type: 'varchar', length: 200 })
  agentId: string;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'agent_id', foreignKeyConstraintName: 'fk_whatsapp_saved_views_agent' })
  agent?: WhatsAppAgent;

  @Column({ type: 'varchar', length: 60 })
  name: string;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  filters: InboxFilters;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
