import { chunkText } from '../../domain/knowledge-chunks.js';
import { queryOne, queryRows, type Queryable } from '../../db/sql.js';
import { inTransaction } from '../../db/transaction.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { QUEUES } from '../../db/job-queues.js';
import type { Transaction } from '../../db/transaction.js';
import { storeEmbeddings, type EmbeddingModel } from './embeddings.js';

/** Passages written per transaction (and per progress step) while re-indexing. */
const BATCH = 50;

export interface ReindexKnowledgeJobData {
  knowledgeBaseId: string;
}

interface Passage {
  entryId: string | null;
  documentId: string | null;
  position: number;
  content: string;
}

/** An entry's passages: its question and answer read together ("question? answer"), cut when long. */
function entryPassages(entry: { id: string; question: string; answer: string }): Passage[] {
  const question = entry.question.trim();
  return chunkText(entry.answer).map((piece, position) => ({ entryId: entry.id, documentId: null, position, content: `${question} ${piece}` }));
}

async function insertPassages(db: Queryable, knowledgeBaseId: string, passages: readonly Passage[]): Promise<{ id: string; content: string }[]> {
  if (passages.length === 0) return [];
  return queryRows<{ id: string; content: string }>(
    db,
    `INSERT INTO whatsapp_knowledge_chunks (knowledge_base_id, entry_id, document_id, position, content, search_vector)
     SELECT $1, p.entry_id, p.document_id, p.position, p.content, whatsapp_knowledge_vector(p.content)
       FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::text[]) AS p(entry_id, document_id, position, content)
     RETURNING id, content`,
    [
      knowledgeBaseId,
      passages.map((p) => p.entryId),
      passages.map((p) => p.documentId),
      passages.map((p) => p.position),
      passages.map((p) => p.content),
    ],
  );
}

/**
 * Indexes one entry at once (an entry written in the back office is found by the next question):
 * its passages replaced in one transaction.
 */
export async function indexEntry(context: Pick<PluginContext, 'dataSource'>, entryId: string, embedding: EmbeddingModel | null = null): Promise<void> {
  const written = await inTransaction(context.dataSource, async ({ manager }) => {
    const entry = await queryOne<{ id: string; knowledge_base_id: string; question: string; answer: string }>(
      manager,
      `SELECT id, knowledge_base_id, question, answer FROM whatsapp_knowledge_entries WHERE id = $1 FOR UPDATE`,
      [entryId],
    );
    await manager.query(`DELETE FROM whatsapp_knowledge_chunks WHERE entry_id = $1`, [entryId]);
    return entry ? insertPassages(manager, entry.knowledge_base_id, entryPassages(entry)) : [];
  });
  if (embedding) await storeEmbeddings(context.dataSource, embedding, written);
}

/** Puts a knowledge base's re-indexing on the queue (in the caller's transaction when given); one waits per base. */
export async function queueReindex(context: Pick<PluginContext, 'jobs'>, db: Queryable, knowledgeBaseId: string, tx?: Transaction): Promise<void> {
  await db.query(`UPDATE whatsapp_knowledge_bases SET index_status = 'queued', index_error = NULL, updated_at = now() WHERE id = $1`, [knowledgeBaseId]);
  await context.jobs.send(QUEUES.reindexKnowledge, { knowledgeBaseId } satisfies ReindexKnowledgeJobData, {
    singletonKey: knowledgeBaseId,
    ...(tx ? { db: tx.jobDb } : {}),
  });
}

/**
 * The background re-index: every entry and document of the base cut into passages again, written
 * in batches, `index_done` of `index_total` advanced after each batch (the back office shows it).
 * The new passages replace the old ones batch by batch, so questions keep finding answers while
 * it runs. A failure leaves `failed` and its reason, and throws for the job's retry.
 */
export async function reindexKnowledgeBase(
  context: Pick<PluginContext, 'dataSource'>,
  knowledgeBaseId: string,
  embeddings: readonly EmbeddingModel[] = [],
): Promise<{ passages: number }> {
  const db = context.dataSource;
  try {
    const entries = await queryRows<{ id: string; question: string; answer: string }>(
      db,
      `SELECT id, question, answer FROM whatsapp_knowledge_entries WHERE knowledge_base_id = $1 ORDER BY created_at, id`,
      [knowledgeBaseId],
    );
    // A CSV is indexed through its entries; the other documents through their text.
    const documents = await queryRows<{ id: string; text: string }>(
      db,
      `SELECT id, text FROM whatsapp_knowledge_documents WHERE knowledge_base_id = $1 AND kind <> 'csv' ORDER BY created_at, id`,
      [knowledgeBaseId],
    );
    const passages: Passage[] = [
      ...entries.flatMap(entryPassages),
      ...documents.flatMap((document) => chunkText(document.text).map((content, position) => ({ entryId: null, documentId: document.id, position, content }))),
    ];
    const started = await queryOne<{ started: Date }>(
      db,
      `UPDATE whatsapp_knowledge_bases SET index_status = 'indexing', index_total = $2, index_done = 0, index_error = NULL, updated_at = now()
        WHERE id = $1 RETURNING clock_timestamp() AS started`,
      [knowledgeBaseId, passages.length],
    );
    if (!started) return { passages: 0 };
    for (let offset = 0; offset < passages.length; offset += BATCH) {
      const batch = passages.slice(offset, offset + BATCH);
      const written = await inTransaction(db, async ({ manager }) => {
        const rows = await insertPassages(manager, knowledgeBaseId, batch);
        await manager.query(`UPDATE whatsapp_knowledge_bases SET index_done = $2, updated_at = now() WHERE id = $1`, [knowledgeBaseId, offset + batch.length]);
        return rows;
      });
      for (const model of embeddings) await storeEmbeddings(db, model, written);
    }
    await inTransaction(db, async ({ manager }) => {
      await manager.query(`DELETE FROM whatsapp_knowledge_chunks WHERE knowledge_base_id = $1 AND created_at < $2`, [knowledgeBaseId, started.started]);
      await manager.query(
        `UPDATE whatsapp_knowledge_bases SET index_status = 'idle', index_done = index_total, indexed_at = now(), updated_at = now() WHERE id = $1`,
        [knowledgeBaseId],
      );
    });
    return { passages: passages.length };
  } catch (error) {
    await db.query(`UPDATE whatsapp_knowledge_bases SET index_status = 'failed', index_error = $2, updated_at = now() WHERE id = $1`, [
      knowledgeBaseId,
      error instanceof Error ? error.message.slice(0, 500) : String(error),
    ]);
    throw error;
  }
}
