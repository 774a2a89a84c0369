import { BaseEntity, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { LabelColour } from '../domain/label-colours.js';
import { CreatedAt, UpdatedAt } from './columns.js';

/** A label agents put on conversations (VIP, Invoice, Follow up…): managed in one place, applied through whatsapp_conversation_labels. */
@Entity({ name: 'whatsapp_labels' })
// Unique on lower(name), which TypeORM cannot express: the migration declares it.
@Index('uq_whatsapp_labels_name', { synchronize: false })
export class WhatsAppLabel extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_labels' })
  id: string;

  @Column({ type: 'varchar', length: 50 })
  name: string;

  /** A name of the palette (src/domain/label-colours.ts), shown in its colour in every language. */
  @Column({ type: 'varchar', length: 20, default: 'grey' })
  colour: LabelColour;

  @CreatedAt()
  createdAt: Date;

  @UpdatedAt()
  updatedAt: Date;
}
