import { BaseEntity, Check, Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique } from 'typeorm';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';

/**
 * Meta's per-message prices as a manager uploaded them (Meta publishes them as CSV: market ×
 * category → price, in one currency), one row per country and category from `effectiveFrom`:
 * a "Rest of …" market is expanded to its countries, `ZZ` stands for "Other".
 */
@Entity({ name: 'whatsapp_rate_cards' })
@Unique('uq_whatsapp_rate_cards_rate', ['effectiveFrom', 'country', 'category'])
@Check('ck_whatsapp_rate_cards_price', `"price_micros" >= 0`)
export class WhatsAppRateCard extends BaseEntity {
  @PrimaryGeneratedColumn('uuid', { primaryKeyConstraintName: 'pk_whatsapp_rate_cards' })
  id: string;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  /** The market as Meta names it (Brazil, North America, Rest of Africa, Other…). */
  @Column({ type: 'varchar', length: 60 })
  market: string;

  @Column({ type: 'varchar', length: 2 })
  country: string;

  /** marketing, utility, authentication, authentication_international, service… */
  @Column({ type: 'varchar', length: 40 })
  category: string;

  @Column({ type: 'char', length: 3 })
  currency: string;

  /** Price of one message, in millionths of the currency. */
  @Column({ name: 'price_micros', type: 'bigint' })
  priceMicros: string;

  @Column({ name: 'uploaded_by_id', type: 'varchar', length: 200, nullable: true })
  uploadedById: string | null;

  @ManyToOne(() => WhatsAppAgent, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'uploaded_by_id', foreignKeyConstraintName: 'fk_whatsapp_rate_cards_uploaded_by' })
  uploadedBy?: WhatsAppAgent | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
