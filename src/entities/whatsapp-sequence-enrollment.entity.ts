import { BaseEntity, Check, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { EnrollmentExitReason, EnrollmentSource, EnrollmentStatus } from '../domain/campaign-kinds.js';
import { CreatedAt, UpdatedAt } from './columns.js';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { WhatsAppContact } from './whatsapp-contact.entity.js';
import { WhatsAppSequence } from './whatsapp-sequence.entity.js';

/** A contact going through a sequence: the step it is at and when it runs next; its timeline is in whatsapp_sequence_enrollment_events. */
@Entity({ name: 'whatsapp_sequence_enrollments' })
@Check('ck_whatsapp_sequence_enrollments_status', `"status" IN ('active', 'completed', 'exited')`)
@Index('uq_whatsapp_sequence_enrollments_active', ['sequenceId', 'contactId'], { unique: true, where: `"status" = 'active'` })
@Index('ix_whatsapp_sequence_enrollments_due', ['nextRunAt'], { where: `"status" = 'active'` })
@Index('ix_whatsapp_sequence_enrollments_contact', ['contactId'], { where: `"status" = 'active'` })
export class WhatsAppSequenceEnrollment extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_sequence_enrollments' })
  id: string;

  @Column({ name: 'sequence_id', type: 'uuid' })
  sequenceId: string;

  @ManyToOne(() => WhatsAppSequence, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'sequence_id', foreignKeyConstraintName: 'fk_whatsapp_sequence_enrollments_sequence' })
  sequence?: WhatsAppSequence;

  @Column({ name: 'contact_id', type: 'uuid' })
  contactId: string;

  @ManyToOne(() => WhatsAppContact, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'contact_id', foreignKeyConstraintName: 'fk_whatsapp_sequence_enrollments_contact' })
  contact?: WhatsAppContact;

  @Column({ type: 'varchar', length: 20, default: 'active' })
  status: EnrollmentStatus;

  @Column({ name: 'exit_reason', type: 'varchar', length: 30, nullable: true })
  exitReason: EnrollmentExitReason | null;

  /** How it was enrolled: by hand, in bulk, by an event, a keyword or the API. */
  @Column({ type: 'varchar', length: 20 })
  source: EnrollmentSource;

  /** The step to run at `next_run_at` (null once finished). */
  @Column({ name: 'current_step_id', type: 'varchar', length: 40, nullable: true })
  currentStepId: string | null;

  @Column({ name: 'next_run_at', type: 'timestamptz', nullable: true })
  nextRunAt: Date | null;

  /** The last message a step sent: "replied" means the customer wrote after it. */
  @Column({ name: 'last_sent_at', type: 'timestamptz', nullable: true })
  lastSentAt: Date | null;

  @Column({ name: 'enrolled_by_id', type: 'varchar', length: 200, nullable: true })
  enrolledById: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'enrolled_by_id', foreignKeyConstraintName: 'fk_whatsapp_sequence_enrollments_enrolled_by' })
  enrolledBy?: WhatsAppAgent | null;

  @Column({ name: 'finished_at', type: 'timestamptz', nullable: true })
  finishedAt: Date | null;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
