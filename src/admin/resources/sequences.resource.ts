import type { ActionContext, ActionRequest, NoticeMessage, RecordJSON, ResourceWithOptions } from 'adminjs';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { enrollContacts, type EnrollmentResult } from '../../campaigns/enroll-contacts.js';
import { loadBroadcastChoices, type BroadcastChoices } from '../../campaigns/read/broadcast-choices.js';
import { loadSequenceDefinition } from '../../campaigns/read/sequence-definition.js';
import { saveSequence, type SequenceDefinition } from '../../campaigns/save-sequence.js';
import { sequenceDefinitionFromForm } from '../../campaigns/sequence-form.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { SEQUENCE_STATUSES } from '../../domain/campaign-kinds.js';
import { WhatsAppSequence } from '../../entities/whatsapp-sequence.entity.js';
import { visibleCampaignsPredicate } from '../../permissions/visible-campaigns.js';
import { holding } from '../access.js';
import { refusalNotice } from '../refusal-notice.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { ScopedResource } from '../scoped-resource.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { referenceProperties } from './references.js';

/** The React components the resource uses. */
export interface SequenceComponents {
  sequenceEditor: string;
  sequenceEnroll: string;
}

/** The editor's GET: the numbers and their templates and labels, and the sequence being edited. */
export interface SequenceEditorPage {
  record?: RecordJSON;
  choices: BroadcastChoices;
  definition?: SequenceDefinition;
}

/** The editor's POST: the saved sequence's page, or why not. */
export interface SequenceSaveAnswer {
  record?: RecordJSON;
  redirectUrl?: string;
  notice?: NoticeMessage;
}

/** The enrol action's POST: how many were enrolled, already in it, or not found. */
export interface SequenceEnrollAnswer {
  record: RecordJSON;
  result?: Omit<EnrollmentResult, 'enrolled'> & { enrolled: number };
  notice?: NoticeMessage;
}

const ID = RESOURCE_IDS.sequences;
const hidden = { isVisible: false };
/** Phones pasted in the enrol box: one per line, or separated by commas or semicolons. */
const MAX_PHONES = 10_000;

/**
 * `whatsapp_sequences`: managers with `campaigns.manage` on a number write its sequences (steps,
 * triggers, exits) and enrol contacts in them by hand, one phone or a list. Handlers only parse
 * and call the campaigns use cases; state changes on POST only.
 */
export function sequencesResource(context: PluginContext, components: SequenceComponents): ResourceWithOptions {
  const actor = (action: ActionContext) => signedInAgent(action.currentAdmin);
  const showUrl = (action: ActionContext, id: string) => action.h.recordActionUrl({ resourceId: ID, recordId: id, actionName: 'show' });

  const save = async (request: ActionRequest, action: ActionContext, sequenceId?: string): Promise<SequenceSaveAnswer> => {
    try {
      const id = await saveSequence(context, actor(action), sequenceDefinitionFromForm(String(request.payload?.sequence ?? '')), sequenceId);
      return { redirectUrl: showUrl(action, id), notice: { message: 'campaigns.sequence.saved', type: 'success', resourceId: ID } };
    } catch (error) {
      return { notice: refusalNotice(error) };
    }
  };

  return {
    resource: new ScopedResource(WhatsAppSequence, (agent, alias) => visibleCampaignsPredicate(agent, `${alias}.account_id`)),
    options: {
      id: ID,
      navigation: WHATSAPP_NAVIGATION,
      sort: { sortBy: 'updatedAt', direction: 'desc' },
      listProperties: ['name', 'status', 'accountId', 'exitOnReply', 'updatedAt'],
      filterProperties: ['name', 'status', 'accountId'],
      showProperties: ['name', 'status', 'accountId', 'exitOnReply', 'exitOnResolve', 'createdById', 'createdAt', 'updatedAt'],
      properties: {
        ...referenceProperties('accountId', 'createdById'),
        status: { availableValues: SEQUENCE_STATUSES.map((value) => ({ value, label: value })) },
        steps: hidden,
        triggers: hidden,
      },
      actions: {
        list: { isAccessible: holding('campaigns.manage') },
        search: { isAccessible: holding('campaigns.manage') },
        show: { isAccessible: holding('campaigns.manage') },
        new: {
          isAccessible: holding('campaigns.manage'),
          component: components.sequenceEditor,
          handler: async (request: ActionRequest, _response: unknown, action: ActionContext): Promise<SequenceEditorPage | SequenceSaveAnswer> => {
            if (request.method !== 'post') return { choices: await loadBroadcastChoices(context, actor(action)) };
            return save(request, action);
          },
        },
        edit: {
          isAccessible: holding('campaigns.manage'),
          component: components.sequenceEditor,
          handler: async (request: ActionRequest, _response: unknown, action: ActionContext): Promise<SequenceEditorPage | SequenceSaveAnswer> => {
            const record = action.record!;
            const id = String(record.id());
            if (request.method !== 'post') {
              return {
                record: record.toJSON(action.currentAdmin),
                choices: await loadBroadcastChoices(context, actor(action)),
                definition: await loadSequenceDefinition(context.dataSource, id),
              };
            }
            return { record: record.toJSON(action.currentAdmin), ...(await save(request, action, id)) };
          },
        },
        delete: { isAccessible: holding('campaigns.manage') },
        bulkDelete: { isAccessible: false },
        enroll: {
          actionType: 'record',
          icon: 'UserPlus',
          isAccessible: holding('campaigns.manage'),
          isVisible: ({ record }) => record?.params.status === 'active',
          component: components.sequenceEnroll,
          handler: async (request: ActionRequest, _response: unknown, action: ActionContext): Promise<SequenceEnrollAnswer> => {
            const record = action.record!;
            const json = record.toJSON(action.currentAdmin);
            if (request.method !== 'post') return { record: json };
            const phones = String(request.payload?.phones ?? '').split(/[\n,;]+/).map((phone) => phone.trim()).filter(Boolean).slice(0, MAX_PHONES);
            try {
              const result = await enrollContacts(context, actor(action), {
                sequenceId: String(record.id()), phones, source: phones.length > 1 ? 'bulk' : 'manual',
              });
              return {
                record: json,
                result: { ...result, enrolled: result.enrolled.length },
                notice: { message: 'campaigns.sequence.enrolled', type: 'success', resourceId: ID, options: { count: result.enrolled.length } },
              };
            } catch (error) {
              return { record: json, notice: refusalNotice(error) };
            }
          },
        },
      },
    },
  };
}
