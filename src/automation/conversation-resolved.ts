import type { PluginContext } from '../context/plugin-context.js';
import type { Transaction } from '../db/transaction.js';
import { loadAutomationSettings } from './automation-settings.js';
import { queueAssignment } from './auto-assignment.js';
import { requestSatisfaction } from './satisfaction-survey.js';

/**
 * What follows a resolution, in the resolving transaction: the satisfaction survey, and (the
 * assignee now holds one conversation less) a round of automatic assignment on the number.
 */
export async function onConversationResolved(context: PluginContext, tx: Transaction, conversation: { id: string; accountId: string; assigneeId: string | null }): Promise<void> {
  await requestSatisfaction(context, tx, conversation);
  const settings = (await loadAutomationSettings(tx.manager, [conversation.accountId])).get(conversation.accountId);
  if (settings && settings.assignmentMode !== 'off') await queueAssignment(context, [conversation.accountId], tx.jobDb);
}
