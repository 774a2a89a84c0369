import type { PluginContext } from '../../context/plugin-context.js';
import { queryOne } from '../../db/sql.js';
import { inTransaction } from '../../db/transaction.js';
import { isUuid } from '../../domain/uuid.js';
import { assistantRefusal } from '../assistant-refusal.js';
import { queueReindex } from './index-knowledge.js';
import { MAX_KNOWLEDGE_FILE_BYTES, knowledgeFileKind, readKnowledgeFile } from './knowledge-file.js';

export interface KnowledgeUpload {
  knowledgeBaseId: string;
  fileName: string;
  mimeType?: string;
  data: Buffer;
}

export interface UploadedKnowledge {
  documentId: string;
  kind: string;
  /** Entries made from a CSV's rows (0 for other kinds). */
  entries: number;
  characters: number;
}

/**
 * Adds a file to a knowledge base: its text read (a CSV's rows as entries, a PDF's text by
 * PDF.js), kept as a document, and the base's re-indexing queued in the same transaction.
 */
export async function uploadKnowledgeFile(context: PluginContext, upload: KnowledgeUpload): Promise<UploadedKnowledge> {
  if (upload.data.length > MAX_KNOWLEDGE_FILE_BYTES) throw assistantRefusal('file-too-large', { maxMegabytes: MAX_KNOWLEDGE_FILE_BYTES / (1024 * 1024) });
  const kind = knowledgeFileKind(upload.fileName, upload.mimeType);
  if (!kind) throw assistantRefusal('file-kind', { fileName: upload.fileName });
  if (!isUuid(upload.knowledgeBaseId)) throw assistantRefusal('knowledge-base-not-found');
  const content = await readKnowledgeFile(kind, upload.data);
  return inTransaction(context.dataSource, async (tx) => {
    const base = await queryOne<{ id: string }>(tx.manager, `SELECT id FROM whatsapp_knowledge_bases WHERE id = $1 FOR UPDATE`, [upload.knowledgeBaseId]);
    if (!base) throw assistantRefusal('knowledge-base-not-found');
    const document = await queryOne<{ id: string }>(
      tx.manager,
      `INSERT INTO whatsapp_knowledge_documents (knowledge_base_id, file_name, kind, byte_size, text) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [base.id, upload.fileName.slice(0, 255), kind, upload.data.length, content.text],
    );
    if (content.entries.length) {
      await tx.manager.query(
        `INSERT INTO whatsapp_knowledge_entries (knowledge_base_id, document_id, question, answer)
         SELECT $1, $2, e.question, e.answer FROM unnest($3::text[], $4::text[]) AS e(question, answer)`,
        [base.id, document!.id, content.entries.map((e) => e.question), content.entries.map((e) => e.answer)],
      );
    }
    await queueReindex(context, tx.manager, base.id, tx);
    return { documentId: document!.id, kind, entries: content.entries.length, characters: content.text.length };
  });
}
