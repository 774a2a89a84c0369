import { BaseEntity, Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The sample CRM's organisations (its own table, crm_organisations): the record feature's host resource. */
@Entity({ name: 'crm_organisations' })
export class Organisation extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ name: 'phone_e164', type: 'varchar', length: 20, nullable: true })
  phoneE164: string | null;
}

/** One line of a record's activity timeline. */
@Entity({ name: 'activities' })
export class Activity extends BaseEntity {
  @PrimaryGeneratedColumn({ type: 'integer' })
  id: number;

  @Column({ name: 'record_type', type: 'varchar', length: 30 })
  recordType: string;

  @Column({ name: 'record_id', type: 'varchar', length: 50 })
  recordId: string;

  @Column({ name: 'source_event_id', type: 'uuid', nullable: true })
  sourceEventId: string | null;

  @Column({ type: 'varchar', length: 50 })
  kind: string;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
