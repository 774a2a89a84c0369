import { queryOne, queryRows, type Queryable } from '../../db/sql.js';

/** An assistant's embedding model: its name (vectors of different models are never compared) and the call. */
export interface EmbeddingModel {
  model: string;
  embed(texts: string[]): Promise<number[][]>;
}

/** Whether the database has pgvector (the assistant migration then made whatsapp_knowledge_embeddings). */
export async function hasEmbeddings(db: Queryable): Promise<boolean> {
  const row = await queryOne<{ present: boolean }>(db, `SELECT to_regclass('whatsapp_knowledge_embeddings') IS NOT NULL AS present`);
  return row?.present === true;
}

const EMBED_BATCH = 32;

/** Stores the passages' vectors for one model; nothing without pgvector. */
export async function storeEmbeddings(db: Queryable, model: EmbeddingModel, passages: readonly { id: string; content: string }[]): Promise<void> {
  if (passages.length === 0 || !(await hasEmbeddings(db))) return;
  for (let offset = 0; offset < passages.length; offset += EMBED_BATCH) {
    const batch = passages.slice(offset, offset + EMBED_BATCH);
    const vectors = await model.embed(batch.map((passage) => passage.content));
    await db.query(
      `INSERT INTO whatsapp_knowledge_embeddings (chunk_id, model, embedding)
       SELECT p.id, $1, p.vector::vector FROM unnest($2::uuid[], $3::text[]) AS p(id, vector)
       ON CONFLICT (chunk_id, model) DO UPDATE SET embedding = EXCLUDED.embedding`,
      [model.model, batch.map((passage) => passage.id), vectors.map((vector) => JSON.stringify(vector))],
    );
  }
}

/** The passages nearest to a question by cosine distance, among the given bases; [] without pgvector. */
export async function nearestPassages(
  db: Queryable,
  model: EmbeddingModel,
  knowledgeBaseIds: readonly string[],
  question: string,
  limit: number,
): Promise<{ id: string; similarity: number }[]> {
  if (knowledgeBaseIds.length === 0 || !(await hasEmbeddings(db))) return [];
  const [vector] = await model.embed([question]);
  if (!vector) return [];
  return queryRows<{ id: string; similarity: number }>(
    db,
    `SELECT c.id, 1 - (e.embedding <=> $1::vector) AS similarity
       FROM whatsapp_knowledge_embeddings e JOIN whatsapp_knowledge_chunks c ON c.id = e.chunk_id
      WHERE e.model = $2 AND c.knowledge_base_id = ANY($3::uuid[])
      ORDER BY e.embedding <=> $1::vector
      LIMIT $4`,
    [JSON.stringify(vector), model.model, knowledgeBaseIds, limit],
  );
}
