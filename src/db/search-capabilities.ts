import type { DataSource } from 'typeorm';
import { queryOne } from './sql.js';

/** What the database's search runs on (migration 1763700001100): accents folded by `unaccent` or the built-in table; trigram indexes or none. */
export interface SearchCapabilities {
  unaccent: boolean;
  trigramIndexes: boolean;
}

export async function searchCapabilities(dataSource: DataSource): Promise<SearchCapabilities> {
  const row = await queryOne<SearchCapabilities>(
    dataSource,
    `SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'unaccent') AS unaccent,
            to_regclass('ix_whatsapp_messages_search') IS NOT NULL AS "trigramIndexes"`,
  );
  return row ?? { unaccent: false, trigramIndexes: false };
}
