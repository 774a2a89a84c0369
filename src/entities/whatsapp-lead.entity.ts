import { BaseEntity, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { CreatedAt, UpdatedAt } from './columns.js';
import type { LeadSource, LeadStatus } from '../domain/lead-choices.js';

@Entity({ name: 'whatsapp_leads' })
@Check('ck_whatsapp_leads_status', `"status" IN ('new', 'contacted', 'qualified', 'won', 'lost')`)
@Index('ix_whatsapp_leads_phone_e164', ['phoneE164'])
export class WhatsAppLead extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_leads' })
  id: string;

  @Column({ name: 'organisation_name', type: 'varchar', length: 300 })
  organisationName: string;

  @Column({ name: 'contact_name', type: 'varchar', length: 200, nullable: true })
  contactName: string | null;

  @Column({ name: 'phone_e164', type: 'varchar', length: 20, nullable: true })
  phoneE164: string | null;

  @Column({ type: 'varchar', length: 320, nullable: true })
  email: string | null;

  @Column({ type: 'varchar', length: 30, default: 'manual' })
  source: LeadSource;

  @Column({ type: 'varchar', length: 20, default: 'new' })
  status: LeadStatus;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  /** The ad that brought the conversation this lead was created from (click-to-WhatsApp referral). */
  @Column({ type: 'jsonb', nullable: true })
  attribution: Record<string, unknown> | null;

  @Column({ name: 'assignee_id', type: 'varchar', length: 200, nullable: true })
  assigneeId: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assignee_id', foreignKeyConstraintName: 'fk_whatsapp_leads_assignee' })
  assignee?: WhatsAppAgent | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
