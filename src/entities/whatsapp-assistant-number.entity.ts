import { BaseEntity, Check, Column, Entity, JoinColumn, ManyToOne, OneToOne, PrimaryColumn } from 'typeorm';
import type { AssistantMode } from '../domain/assistant-modes.js';
import { UpdatedAt } from './columns.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';
import { WhatsAppAssistant } from './whatsapp-assistant.entity.js';

/** A number's assistant and its mode (Off, Suggest, Answer); a conversation may override the mode. */
@Entity({ name: 'whatsapp_assistant_numbers' })
@Check('ck_whatsapp_assistant_numbers_mode', `"mode" IN ('off', 'suggest', 'answer')`)
export class WhatsAppAssistantNumber extends BaseEntity {
  @PrimaryColumn({ name: 'account_id', type: 'uuid', primaryKeyConstraintName: 'pk_whatsapp_assistant_numbers' })
  accountId: string;

  @OneToOne(() => WhatsAppAccount, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'account_id', foreignKeyConstraintName: 'fk_whatsapp_assistant_numbers_account' })
  account?: WhatsAppAccount;

  @Column({ name: 'assistant_id', type: 'uuid', nullable: true })
  assistantId: string | null;

  @ManyToOne(() => WhatsAppAssistant, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'assistant_id', foreignKeyConstraintName: 'fk_whatsapp_assistant_numbers_assistant' })
  assistant?: WhatsAppAssistant | null;

  @Column({ type: 'varchar', length: 10, default: 'off' })
  mode: AssistantMode;

  @UpdatedAt()
  updatedAt: Date;
}
