import { CreateDateColumn, UpdateDateColumn } from 'typeorm';

// Every timestamp is timestamptz: agents in different time zones read the same instant.
export const CreatedAt = () => CreateDateColumn({ name: 'created_at', type: 'timestamptz' });
export const UpdatedAt = () => UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' });
