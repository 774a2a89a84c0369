import type { PluginContext } from '../context/plugin-context.js';
import type { AssistantMode, HandoverReason } from '../domain/assistant-modes.js';
import { authorize, withPermissions } from '../conversations/conversation-access.js';
import { WorkflowRefusal } from '../conversations/workflow-refusal.js';
import { holds, type InboxActor } from '../permissions/permission-snapshot.js';
import { conversationAssistant } from './conversation-assistant.js';

/** What the side panel shows of the assistant in a conversation, and what the agent may do there. */
export interface ConversationAssistantView {
  /** False: the number has no assistant (the panel shows nothing of it). */
  available: boolean;
  assistantName: string | null;
  numberMode: AssistantMode;
  conversationMode: AssistantMode | null;
  mode: AssistantMode;
  handedOverAt: string | null;
  handoverReason: HandoverReason | null;
  /** May change the mode, take over, and ask for suggestions. */
  canChange: boolean;
}

export async function conversationAssistantView(context: PluginContext, input: { conversationId: string; actor: InboxActor }): Promise<ConversationAssistantView> {
  const state = await conversationAssistant(context.dataSource, input.conversationId);
  if (!state) throw WorkflowRefusal.of('conversation-not-found');
  const actor = await withPermissions(context.dataSource, input.actor);
  authorize(actor, 'inbox.view', state);
  return {
    available: state.assistant !== null,
    assistantName: state.assistant?.name ?? null,
    numberMode: state.numberMode,
    conversationMode: state.conversationMode,
    mode: state.mode,
    handedOverAt: state.handedOverAt?.toISOString() ?? null,
    handoverReason: state.handoverReason,
    canChange: holds(actor, 'inbox.reply', state.accountId),
  };
}
