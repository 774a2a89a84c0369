import { BaseEntity, Check, Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';
import { WhatsAppLabel } from './whatsapp-label.entity.js';

/**
 * Service-level targets, in minutes of business time, for the conversations of a number and/or
 * with a label (null: any). The first enabled policy in `position` order that matches a
 * conversation when its customer writes applies.
 */
@Entity({ name: 'whatsapp_sla_policies' })
@Check('ck_whatsapp_sla_policies_warning', `"warning_percent" BETWEEN 1 AND 99`)
export class WhatsAppSlaPolicy extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_sla_policies' })
  id: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'account_id', type: 'uuid', nullable: true })
  accountId: string | null;

  @ManyToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_sla_policies_account' })
  account?: WhatsAppAccount | null;

  /** One of the managed labels; deleting the label deletes the policy. */
  @Column({ name: 'label_id', type: 'uuid', nullable: true })
  labelId: string | null;

  @ManyToOne(() => WhatsAppLabel, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'label_id', foreignKeyConstraintName: 'fk_whatsapp_sla_policies_label' })
  label?: WhatsAppLabel | null;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @Column({ type: 'boolean', default: true })
  enabled: boolean;

  @Column({ name: 'first_response_minutes', type: 'integer', nullable: true })
  firstResponseMinutes: number | null;

  @Column({ name: 'next_response_minutes', type: 'integer', nullable: true })
  nextResponseMinutes: number | null;

  @Column({ name: 'resolution_minutes', type: 'integer', nullable: true })
  resolutionMinutes: number | null;

  /** The assignee and managers are warned when this share of the target has passed. */
  @Column({ name: 'warning_percent', type: 'integer', default: 80 })
  warningPercent: number;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
