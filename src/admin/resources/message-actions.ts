import type { Action, ActionRequest, ActionResponse } from 'adminjs';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { retryMessage } from '../../conversations/retry-message.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { guardConversationOf, holdingSomewhere } from '../access.js';
import { refusalNotice } from '../refusal-notice.js';

/** Send a failed message again (a fresh retry budget, the same checks as a new send). POST only. */
export function retryAction(context: PluginContext, component: string): Action<ActionResponse> {
  return {
    name: 'retry',
    actionType: 'record',
    icon: 'RotateCw',
    component,
    isAccessible: holdingSomewhere('inbox.reply'),
    before: guardConversationOf(context.dataSource, 'inbox.reply'),
    isVisible: ({ record }) => record?.params.status === 'failed' && record?.params.direction === 'outbound',
    handler: async (request: ActionRequest, _response, actionContext) => {
      const record = actionContext.record!;
      if (request.method !== 'post') return { record: record.toJSON(actionContext.currentAdmin) };
      try {
        await retryMessage(context, { messageId: String(record.id()), actorId: signedInAgent(actionContext.currentAdmin)?.id ?? null });
      } catch (error) {
        return { record: record.toJSON(actionContext.currentAdmin), notice: refusalNotice(error) };
      }
      const fresh = await actionContext.resource.findOne(String(record.id()));
      return { record: (fresh ?? record).toJSON(actionContext.currentAdmin), notice: { message: 'retryQueued', type: 'success' } };
    },
  };
}
