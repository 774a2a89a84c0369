import { assistantsOfKnowledgeBase } from '../assistant/knowledge/knowledge-base-assistants.js';
import { reindexKnowledgeBase, type ReindexKnowledgeJobData } from '../assistant/knowledge/index-knowledge.js';
import type { PluginContext } from '../context/plugin-context.js';
import { QUEUES } from '../db/job-queues.js';

/** The background re-index of a knowledge base (progress on the base's row). */
export async function registerReindexKnowledgeWorker(context: PluginContext): Promise<string> {
  await context.jobs.work<ReindexKnowledgeJobData>(QUEUES.reindexKnowledge, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    const { knowledgeBaseId } = job!.data;
    await reindexKnowledgeBase(context, knowledgeBaseId, await assistantsOfKnowledgeBase(context, knowledgeBaseId));
  });
  return QUEUES.reindexKnowledge;
}
