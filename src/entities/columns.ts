import { Column, CreateDateColumn, UpdateDateColumn } from 'typeorm';

// Every timestamp is timestamptz: agents in different time zones read the same instant.
export const CreatedAt = () => CreateDateColumn({ name: 'created_at', type: 'timestamptz' });
export const UpdatedAt = () => UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' });

/**
 * Why nothing goes out (a number's or a template's problem that needs an admin: Meta's code, its
 * own words, the i18n key of the plain explanation, and since when); cleared by the next
 * successful send. The same four columns on whatsapp_accounts and whatsapp_templates.
 */
export const ProblemColumns = {
  code: () => Column({ name: 'problem_code', type: 'integer', nullable: true }),
  message: () => Column({ name: 'problem_message', type: 'text', nullable: true }),
  /** locales/<lang>/meta-errors.json */
  explanationKey: () => Column({ name: 'problem_explanation_key', type: 'varchar', length: 100, nullable: true }),
  at: () => Column({ name: 'problem_at', type: 'timestamptz', nullable: true }),
};
