import type { ActionContext, ActionRequest, NoticeMessage, RecordJSON, ResourceWithOptions } from 'adminjs';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { broadcastDraftFromForm } from '../../campaigns/broadcast-form.js';
import { cancelBroadcast, pauseBroadcast, resumeBroadcast } from '../../campaigns/control-broadcast.js';
import { launchBroadcast } from '../../campaigns/launch-broadcast.js';
import { loadBroadcastChoices, type BroadcastChoices } from '../../campaigns/read/broadcast-choices.js';
import { previewBroadcast, type RecipientPreview } from '../../campaigns/read/broadcast-preview.js';
import { loadBroadcastDraft, type BroadcastDraftView } from '../../campaigns/read/broadcast-draft.js';
import { loadBroadcastProgress, type BroadcastProgress } from '../../campaigns/read/broadcast-progress.js';
import { saveBroadcast } from '../../campaigns/save-broadcast.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { BROADCAST_STATUSES } from '../../domain/campaign-kinds.js';
import { WhatsAppBroadcast } from '../../entities/whatsapp-broadcast.entity.js';
import { visibleCampaignsPredicate } from '../../permissions/visible-campaigns.js';
import { holding } from '../access.js';
import { refusalNotice } from '../refusal-notice.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { ScopedResource } from '../scoped-resource.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { referenceProperties } from './references.js';

/** The React components the resource uses. */
export interface BroadcastComponents {
  broadcastEditor: string;
  broadcastProgress: string;
}

/** The editor's GET: what it offers, and the broadcast being edited (with its first recipients' preview). */
export interface BroadcastEditorPage {
  record?: RecordJSON;
  choices: BroadcastChoices;
  draft?: BroadcastDraftView;
  preview?: RecipientPreview[];
  notice?: NoticeMessage;
}

/** The editor's POST: the saved draft (the editor then uploads a CSV or launches), or why not. */
export interface BroadcastSaveAnswer {
  record?: RecordJSON;
  broadcastId?: string;
  notice?: NoticeMessage;
  redirectUrl?: string;
}

/** What the progress page polls. */
export interface BroadcastProgressAnswer {
  record: RecordJSON;
  progress?: BroadcastProgress;
  notice?: NoticeMessage;
}

const ID = RESOURCE_IDS.broadcasts;
const hidden = { isVisible: false };

/**
 * `whatsapp_broadcasts`: managers with `campaigns.manage` on a number list, create, launch and
 * follow its broadcasts. Handlers only parse and call the campaigns use cases; state changes on
 * POST only.
 */
export function broadcastsResource(context: PluginContext, components: BroadcastComponents): ResourceWithOptions {
  const actor = (action: ActionContext) => signedInAgent(action.currentAdmin);
  const choices = (action: ActionContext) => loadBroadcastChoices(context, actor(action));
  const showUrl = (action: ActionContext, id: string) => action.h.recordActionUrl({ resourceId: ID, recordId: id, actionName: 'show' });

  const save = async (request: ActionRequest, action: ActionContext, broadcastId?: string): Promise<BroadcastSaveAnswer> => {
    try {
      const draft = broadcastDraftFromForm(String(request.payload?.broadcast ?? ''), context.clock.now());
      const id = await saveBroadcast(context, actor(action), draft, broadcastId);
      return { broadcastId: id, notice: { message: 'campaigns.broadcast.saved', type: 'success', resourceId: ID } };
    } catch (error) {
      return { notice: refusalNotice(error) };
    }
  };

  /** A POST-only change of state, answered with a notice (the page reloads its progress). */
  const control = (change: (id: string, action: ActionContext) => Promise<unknown>, done: string) => async (request: ActionRequest, _response: unknown, action: ActionContext) => {
    const record = action.record!;
    if (request.method !== 'post') return { record: record.toJSON(action.currentAdmin) };
    try {
      await change(String(record.id()), action);
      return { record: record.toJSON(action.currentAdmin), notice: { message: done, type: 'success' as const, resourceId: ID } };
    } catch (error) {
      return { record: record.toJSON(action.currentAdmin), notice: refusalNotice(error) };
    }
  };

  return {
    resource: new ScopedResource(WhatsAppBroadcast, (agent, alias) => visibleCampaignsPredicate(agent, `${alias}.account_id`)),
    options: {
      id: ID,
      navigation: WHATSAPP_NAVIGATION,
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['name', 'status', 'accountId', 'templateId', 'recipientsTotal', 'startedAt', 'finishedAt'],
      filterProperties: ['name', 'status', 'accountId', 'templateId', 'createdAt'],
      showProperties: ['name'],
      properties: {
        ...referenceProperties('accountId', 'templateId', 'createdById'),
        status: { availableValues: BROADCAST_STATUSES.map((value) => ({ value, label: value })) },
        audience: hidden,
        parameters: hidden,
        pausedReason: hidden,
        fedAt: hidden,
      },
      actions: {
        list: { isAccessible: holding('campaigns.manage') },
        search: { isAccessible: holding('campaigns.manage') },
        show: { isAccessible: holding('campaigns.manage'), component: components.broadcastProgress },
        new: {
          isAccessible: holding('campaigns.manage'),
          component: components.broadcastEditor,
          handler: async (request: ActionRequest, _response: unknown, action: ActionContext): Promise<BroadcastEditorPage | BroadcastSaveAnswer> => {
            if (request.method !== 'post') return { choices: await choices(action) };
            return save(request, action);
          },
        },
        edit: {
          isAccessible: holding('campaigns.manage'),
          isVisible: ({ record }) => record?.params.status === 'draft' || record?.params.status === 'scheduled',
          component: components.broadcastEditor,
          handler: async (request: ActionRequest, _response: unknown, action: ActionContext): Promise<BroadcastEditorPage | BroadcastSaveAnswer> => {
            const record = action.record!;
            if (request.method !== 'post') {
              const id = String(record.id());
              return {
                record: record.toJSON(action.currentAdmin),
                choices: await choices(action),
                draft: await loadBroadcastDraft(context.dataSource, id),
                preview: await previewBroadcast(context, id),
              };
            }
            return { record: record.toJSON(action.currentAdmin), ...(await save(request, action, String(record.id()))) };
          },
        },
        delete: {
          isAccessible: holding('campaigns.manage'),
          isVisible: ({ record }) => record?.params.status === 'draft',
        },
        bulkDelete: { isAccessible: false },
        launch: {
          actionType: 'record',
          isVisible: false,
          isAccessible: holding('campaigns.manage'),
          handler: async (request: ActionRequest, _response: unknown, action: ActionContext) => {
            const record = action.record!;
            if (request.method !== 'post') return { record: record.toJSON(action.currentAdmin) };
            try {
              const launched = await launchBroadcast(context, actor(action), String(record.id()));
              const message = launched.status === 'scheduled' ? 'campaigns.broadcast.scheduled' : 'campaigns.broadcast.launched';
              return {
                record: record.toJSON(action.currentAdmin),
                redirectUrl: showUrl(action, String(record.id())),
                notice: { message, type: 'success', resourceId: ID, options: { count: launched.recipients } },
              };
            } catch (error) {
              return { record: record.toJSON(action.currentAdmin), notice: refusalNotice(error) };
            }
          },
        },
        progress: {
          actionType: 'record',
          isVisible: false,
          isAccessible: holding('campaigns.manage'),
          handler: async (_request: ActionRequest, _response: unknown, action: ActionContext): Promise<BroadcastProgressAnswer> => {
            const record = action.record!;
            return { record: record.toJSON(action.currentAdmin), progress: await loadBroadcastProgress(context.dataSource, String(record.id())) };
          },
        },
        pause: { actionType: 'record', isVisible: false, isAccessible: holding('campaigns.manage'), handler: control((id, a) => pauseBroadcast(context, actor(a), id), 'campaigns.broadcast.paused') },
        resume: { actionType: 'record', isVisible: false, isAccessible: holding('campaigns.manage'), handler: control((id, a) => resumeBroadcast(context, actor(a), id), 'campaigns.broadcast.resumed') },
        cancel: { actionType: 'record', isVisible: false, isAccessible: holding('campaigns.manage'), handler: control((id, a) => cancelBroadcast(context, actor(a), id), 'campaigns.broadcast.cancelled') },
      },
    },
  };
}
