import type { Action, ActionRequest, ActionResponse, NoticeMessage, RecordJSON } from 'adminjs';
import { labelConversation, labelConversations, type LabelChange } from '../../conversations/label-conversation.js';
import { labelsOf, type LabelView } from '../../conversations/read/conversation-labels.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { holds } from '../../permissions/permission-snapshot.js';
import { onVisibleConversation } from '../access.js';
import { refusalNotice } from '../refusal-notice.js';
import { actorOf } from './conversation-workflow-actions.js';

/** What labelling one conversation answers: its labels as they now are. */
export type SetLabelsAnswer = { record: RecordJSON; labels: LabelView[]; notice?: NoticeMessage };

/** `add` and `remove`: label ids, comma-separated (a form field each). */
function changeOf(payload: Record<string, unknown> | undefined): LabelChange {
  const ids = (value: unknown) => (typeof value === 'string' ? value.split(',').map((id) => id.trim()).filter(Boolean) : []);
  return { add: ids(payload?.add), remove: ids(payload?.remove) };
}

/**
 * Labels from the thread (`setLabels`, one conversation) and from the list (`bulkLabel`, the
 * selected ones, each checked on its own). Both call the same use case.
 */
export function conversationLabelActions(context: PluginContext): Record<string, Action<ActionResponse>> {
  return {
    setLabels: {
      name: 'setLabels',
      actionType: 'record',
      component: false,
      isVisible: false,
      isAccessible: onVisibleConversation('inbox.reply'),
      handler: async (request: ActionRequest, _response, { record, currentAdmin }): Promise<SetLabelsAnswer> => {
        const conversationId = String(record!.id());
        let notice: NoticeMessage | undefined;
        if (request.method === 'post') {
          try {
            const outcome = await labelConversation(context, { conversationId, actor: actorOf(currentAdmin), ...changeOf(request.payload) });
            notice = { message: outcome.changed ? 'labels.applied' : 'labels.unchanged', type: 'success' };
          } catch (error) {
            notice = refusalNotice(error);
          }
        }
        return { record: record!.toJSON(currentAdmin), labels: await labelsOf(context.dataSource, conversationId), notice };
      },
    },
    bulkLabel: {
      name: 'bulkLabel',
      actionType: 'bulk',
      component: false,
      isVisible: false,
      isAccessible: ({ currentAdmin }) => holds(signedInAgent(currentAdmin), 'inbox.reply'),
      handler: async (request: ActionRequest, _response, { records, currentAdmin }): Promise<{ records: RecordJSON[]; notice?: NoticeMessage }> => {
        if (request.method !== 'post') return { records: [] };
        const conversationIds = (records ?? []).map((record) => String(record.id()));
        const outcome = await labelConversations(context, { conversationIds, actor: actorOf(currentAdmin), ...changeOf(request.payload) });
        return {
          records: [],
          notice: {
            message: 'labels.bulkDone',
            type: outcome.refused > 0 ? 'error' : 'success',
            options: { count: outcome.changed, unchanged: outcome.unchanged, refused: outcome.refused },
          },
        };
      },
    },
  };
}
