import type { PluginContext } from '../../context/plugin-context.js';
import { queryRows } from '../../db/sql.js';
import { assistantById, embeddingOf, modelOf } from '../conversation-assistant.js';
import type { EmbeddingModel } from './embeddings.js';

/** The embedding models of the assistants of the numbers a knowledge base serves: each gets its vectors. */
export async function assistantsOfKnowledgeBase(context: PluginContext, knowledgeBaseId: string): Promise<EmbeddingModel[]> {
  const rows = await queryRows<{ id: string }>(
    context.dataSource,
    `SELECT DISTINCT s.id FROM whatsapp_knowledge_base_numbers k
       JOIN whatsapp_assistant_numbers n ON n.account_id = k.account_id
       JOIN whatsapp_assistants s ON s.id = n.assistant_id AND s.embedding_model IS NOT NULL
      WHERE k.knowledge_base_id = $1`,
    [knowledgeBaseId],
  );
  const models: EmbeddingModel[] = [];
  for (const { id } of rows) {
    const assistant = await assistantById(context.dataSource, id);
    const embedding = assistant ? embeddingOf(modelOf(context, assistant), assistant) : null;
    if (embedding && !models.some((model) => model.model === embedding.model)) models.push(embedding);
  }
  return models;
}
