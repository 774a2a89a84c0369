import { queryOne, type Queryable } from '../../db/sql.js';
import type { IndexStatus } from '../../domain/assistant-modes.js';
import { isUuid } from '../../domain/uuid.js';
import { assistantRefusal } from '../assistant-refusal.js';

export interface KnowledgeBaseProgress {
  id: string;
  status: IndexStatus;
  done: number;
  total: number;
  error: string | null;
  indexedAt: string | null;
  entries: number;
  documents: number;
  passages: number;
  /** The assistants one may test a question with. */
  assistants: { id: string; name: string }[];
}

/** A knowledge base's re-indexing as its page shows it (refreshed while it runs). */
export async function knowledgeBaseProgress(db: Queryable, knowledgeBaseId: string): Promise<KnowledgeBaseProgress> {
  const row = isUuid(knowledgeBaseId)
    ? await queryOne<KnowledgeBaseProgress>(
        db,
        `SELECT b.id, b.index_status AS status, b.index_done AS done, b.index_total AS total, b.index_error AS error, b.indexed_at AS "indexedAt",
                (SELECT count(*)::int FROM whatsapp_knowledge_entries e WHERE e.knowledge_base_id = b.id) AS entries,
                (SELECT count(*)::int FROM whatsapp_knowledge_documents d WHERE d.knowledge_base_id = b.id) AS documents,
                (SELECT count(*)::int FROM whatsapp_knowledge_chunks c WHERE c.knowledge_base_id = b.id) AS passages,
                COALESCE((SELECT json_agg(json_build_object('id', s.id, 'name', s.name) ORDER BY s.name) FROM whatsapp_assistants s), '[]') AS assistants
           FROM whatsapp_knowledge_bases b WHERE b.id = $1`,
        [knowledgeBaseId],
      )
    : undefined;
  if (!row) throw assistantRefusal('knowledge-base-not-found');
  return row;
}
