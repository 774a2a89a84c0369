import { queryRows, type Queryable } from '../../db/sql.js';
import type { RunPassage } from '../../entities/whatsapp-assistant-run.entity.js';
import { nearestPassages, type EmbeddingModel } from './embeddings.js';

/** Passages given to a model: enough to answer, few enough for a small model's context. */
export const PASSAGES_PER_QUESTION = 5;
/** Below this cosine similarity a passage found by its vector alone does not count as support. */
const MIN_SIMILARITY = 0.75;

export type Passage = RunPassage;

/** The knowledge bases a number shares. */
export async function knowledgeBasesOfNumber(db: Queryable, accountId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(db, `SELECT knowledge_base_id AS id FROM whatsapp_knowledge_base_numbers WHERE account_id = $1`, [accountId]);
  return rows.map((row) => row.id);
}

/**
 * The passages of the given knowledge bases that best match a question: full-text search with the
 * inbox's normalisation (whatsapp_knowledge_query: the question's meaningful words, stemmed in
 * English, French and Arabic, any of them), ranked by cover density; with pgvector and an
 * embedding model, the nearest passages by meaning too, the two lists fused by reciprocal rank.
 * A passage that matches no meaningful word and is not near in meaning is never returned: an
 * empty list means nothing supports an answer.
 */
export async function retrievePassages(
  db: Queryable,
  input: { knowledgeBaseIds: readonly string[]; question: string; limit?: number; embedding?: EmbeddingModel | null },
): Promise<Passage[]> {
  const limit = input.limit ?? PASSAGES_PER_QUESTION;
  if (input.knowledgeBaseIds.length === 0 || input.question.trim() === '') return [];
  const lexical = await queryRows<{ id: string; knowledge_base_id: string; content: string; score: number }>(
    db,
    `WITH q AS (SELECT whatsapp_knowledge_query($2) AS query)
     SELECT c.id, c.knowledge_base_id, c.content, ts_rank_cd(c.search_vector, q.query, 1)::float8 AS score
       FROM whatsapp_knowledge_chunks c, q
      WHERE c.knowledge_base_id = ANY($1::uuid[]) AND numnode(q.query) > 0 AND c.search_vector @@ q.query
      ORDER BY score DESC, c.position, c.id
      LIMIT $3`,
    [input.knowledgeBaseIds, input.question, limit * 2],
  );
  const near = input.embedding
    ? (await nearestPassages(db, input.embedding, input.knowledgeBaseIds, input.question, limit * 2)).filter((p) => p.similarity >= MIN_SIMILARITY)
    : [];
  const fused = new Map<string, number>();
  const fuse = (ids: string[]) => ids.forEach((id, rank) => fused.set(id, (fused.get(id) ?? 0) + 1 / (60 + rank)));
  fuse(lexical.map((row) => row.id));
  fuse(near.map((row) => row.id));
  const missing = near.filter((row) => !lexical.some((l) => l.id === row.id)).map((row) => row.id);
  const extra = missing.length
    ? await queryRows<{ id: string; knowledge_base_id: string; content: string }>(
        db,
        `SELECT id, knowledge_base_id, content FROM whatsapp_knowledge_chunks WHERE id = ANY($1::uuid[])`,
        [missing],
      )
    : [];
  const rows = new Map([...lexical, ...extra.map((row) => ({ ...row, score: 0 }))].map((row) => [row.id, row]));
  return [...fused.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([id, score], index) => {
      const row = rows.get(id)!;
      return { number: index + 1, chunkId: id, knowledgeBaseId: row.knowledge_base_id, content: row.content, score: Math.round(score * 1e6) / 1e6 };
    });
}
