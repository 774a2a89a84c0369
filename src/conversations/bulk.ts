import type { ConversationOutcome } from './conversation-change.js';
import { Refusal } from '../domain/refusal.js';

export interface BulkOutcome {
  changed: number;
  /** Already as asked: nothing written. */
  unchanged: number;
  refused: number;
  /** Per conversation: its outcome, or the refusal's key and parameters. */
  results: ({ conversationId: string } & ({ changed: boolean } | { refusal: { key: string; params: Record<string, string | number> } }))[];
}

/**
 * Applies one use case to each conversation on its own (its own transaction, lock and checks),
 * in order, so one refusal neither stops nor undoes the others and locks are held briefly.
 */
export async function inBulk(conversationIds: readonly string[], change: (conversationId: string) => Promise<ConversationOutcome>): Promise<BulkOutcome> {
  const outcome: BulkOutcome = { changed: 0, unchanged: 0, refused: 0, results: [] };
  for (const conversationId of new Set(conversationIds)) {
    try {
      const { changed } = await change(conversationId);
      outcome[changed ? 'changed' : 'unchanged'] += 1;
      outcome.results.push({ conversationId, changed });
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      outcome.refused += 1;
      outcome.results.push({ conversationId, refusal: { key: error.key, params: error.params } });
    }
  }
  return outcome;
}
