import type { DataSource } from 'typeorm';
import { queryRows } from '../db/sql.js';

/** The language an agent picked in the back office's menu; null: follow the host's, else the browser's. */
export async function setAgentLanguage(dataSource: DataSource, agentId: string, language: string | null): Promise<void> {
  await queryRows(dataSource, `UPDATE whatsapp_agents SET language = $2, updated_at = now() WHERE id = $1`, [agentId, language]);
}
