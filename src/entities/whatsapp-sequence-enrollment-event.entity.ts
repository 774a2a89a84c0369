import { BaseEntity, Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { EnrollmentEventKind } from '../domain/campaign-kinds.js';
import { WhatsAppMessage } from './whatsapp-message.entity.js';
import { WhatsAppSequenceEnrollment } from './whatsapp-sequence-enrollment.entity.js';

/** One line of an enrollment's timeline: enrolled, a step sent or skipped, a wait, a branch taken, the exit. */
@Entity({ name: 'whatsapp_sequence_enrollment_events' })
@Index('ix_whatsapp_sequence_enrollment_events_timeline', ['enrollmentId', 'at'])
export class WhatsAppSequenceEnrollmentEvent extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_sequence_enrollment_events' })
  id: string;

  @Column({ name: 'enrollment_id', type: 'uuid' })
  enrollmentId: string;

  @ManyToOne(() => WhatsAppSequenceEnrollment, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'enrollment_id', foreignKeyConstraintName: 'fk_whatsapp_sequence_enrollment_events_enrollment' })
  enrollment?: WhatsAppSequenceEnrollment;

  @Column({ type: 'varchar', length: 30 })
  kind: EnrollmentEventKind;

  @Column({ name: 'step_id', type: 'varchar', length: 40, nullable: true })
  stepId: string | null;

  @Column({ name: 'message_id', type: 'uuid', nullable: true })
  messageId: string | null;

  @ManyToOne(() => WhatsAppMessage, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'message_id', foreignKeyConstraintName: 'fk_whatsapp_sequence_enrollment_events_message' })
  message?: WhatsAppMessage | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  at: Date;
}
