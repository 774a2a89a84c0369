import type { ActionRequest, After, Before, RecordActionResponse, ResourceWithOptions } from 'adminjs';
import { indexEntry, queueReindex } from '../../assistant/knowledge/index-knowledge.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { ANSWER_HOURS, ASSISTANT_MODES, ASSISTANT_PROVIDERS } from '../../domain/assistant-modes.js';
import { WhatsAppAssistantNumber } from '../../entities/whatsapp-assistant-number.entity.js';
import { WhatsAppAssistantRun } from '../../entities/whatsapp-assistant-run.entity.js';
import { WhatsAppAssistant } from '../../entities/whatsapp-assistant.entity.js';
import { WhatsAppKnowledgeBaseNumber } from '../../entities/whatsapp-knowledge-base-number.entity.js';
import { WhatsAppKnowledgeBase } from '../../entities/whatsapp-knowledge-base.entity.js';
import { WhatsAppKnowledgeDocument } from '../../entities/whatsapp-knowledge-document.entity.js';
import { WhatsAppKnowledgeEntry } from '../../entities/whatsapp-knowledge-entry.entity.js';
import { holdingEverywhere, holdingSomewhere } from '../access.js';
import type { WhatsAppComponents } from '../components.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { readOnlyActions } from './read-only-actions.js';
import { referenceProperties } from './references.js';

const manage = holdingEverywhere('assistant.manage');
const manageActions = {
  list: { isAccessible: manage },
  search: { isAccessible: manage },
  show: { isAccessible: manage },
  new: { isAccessible: manage },
  edit: { isAccessible: manage },
  delete: { isAccessible: manage },
  bulkDelete: { isAccessible: manage },
};
const choices = (values: readonly string[]) => ({ availableValues: values.map((value) => ({ value, label: value })) });
const hidden = { isVisible: false };

/**
 * The assistant's back office (`assistant.manage`): assistants (a model at a provider, its key
 * write-only and sealed), each number's assistant and mode, knowledge bases with their numbers,
 * FAQ entries (indexed as soon as they are saved) and documents (uploaded on the base's page,
 * re-indexed in the background), and every run with its tokens and cost.
 */
export function assistantResources(context: PluginContext, components: WhatsAppComponents): ResourceWithOptions[] {
  return [
    assistantsResource(context),
    {
      resource: WhatsAppAssistantNumber,
      options: {
        id: RESOURCE_IDS.assistantNumbers,
        navigation: WHATSAPP_NAVIGATION,
        listProperties: ['accountId', 'assistantId', 'mode', 'updatedAt'],
        editProperties: ['accountId', 'assistantId', 'mode'],
        properties: { ...referenceProperties('accountId', 'assistantId'), mode: choices(ASSISTANT_MODES) },
        actions: manageActions,
      },
    },
    {
      resource: WhatsAppKnowledgeBase,
      options: {
        id: RESOURCE_IDS.knowledgeBases,
        navigation: WHATSAPP_NAVIGATION,
        listProperties: ['name', 'indexStatus', 'indexedAt', 'updatedAt'],
        showProperties: ['name', 'description', 'indexStatus', 'indexDone', 'indexTotal', 'indexError', 'indexedAt', 'createdAt'],
        editProperties: ['name', 'description'],
        actions: {
          ...manageActions,
          knowledge: {
            actionType: 'record',
            icon: 'Book',
            component: components.knowledgeBase,
            isAccessible: manage,
            handler: async (_request: ActionRequest, _response, action) => ({ record: action.record!.toJSON(action.currentAdmin) }),
          },
        },
      },
    },
    {
      resource: WhatsAppKnowledgeBaseNumber,
      options: {
        id: RESOURCE_IDS.knowledgeBaseNumbers,
        navigation: WHATSAPP_NAVIGATION,
        listProperties: ['knowledgeBaseId', 'accountId'],
        editProperties: ['knowledgeBaseId', 'accountId'],
        properties: referenceProperties('knowledgeBaseId', 'accountId'),
        actions: { ...manageActions, edit: { isAccessible: false } },
      },
    },
    knowledgeEntriesResource(context),
    {
      resource: WhatsAppKnowledgeDocument,
      options: {
        id: RESOURCE_IDS.knowledgeDocuments,
        navigation: WHATSAPP_NAVIGATION,
        listProperties: ['fileName', 'kind', 'byteSize', 'knowledgeBaseId', 'createdAt'],
        showProperties: ['fileName', 'kind', 'byteSize', 'knowledgeBaseId', 'text', 'createdAt'],
        properties: { ...referenceProperties('knowledgeBaseId'), text: { type: 'textarea', components: { show: components.customerTextCell } } },
        actions: {
          ...readOnlyActions(manage),
          // Its passages go with it (cascade); the base is re-indexed so that its CSV's entries go too.
          delete: { isAccessible: manage, after: reindexAfterDelete(context) },
        },
      },
    },
    {
      resource: WhatsAppAssistantRun,
      options: {
        id: RESOURCE_IDS.assistantRuns,
        navigation: WHATSAPP_NAVIGATION,
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['createdAt', 'kind', 'outcome', 'reason', 'conversationId', 'inputTokens', 'outputTokens', 'costMicros', 'durationMs'],
        showProperties: [
          'createdAt', 'kind', 'outcome', 'reason', 'conversationId', 'accountId', 'assistantId', 'messageId', 'question', 'text', 'provider', 'model',
          'inputTokens', 'outputTokens', 'costMicros', 'currency', 'attempts', 'durationMs', 'error', 'requestedById',
        ],
        filterProperties: ['createdAt', 'kind', 'outcome', 'reason', 'accountId', 'assistantId', 'conversationId'],
        properties: {
          ...referenceProperties('conversationId', 'accountId', 'assistantId', 'messageId', 'requestedById'),
          question: { components: { show: components.customerTextCell } },
          text: { components: { show: components.customerTextCell } },
          passages: hidden,
        },
        actions: readOnlyActions(holdingSomewhere('assistant.manage')),
      },
    },
  ];
}

function assistantsResource(context: PluginContext): ResourceWithOptions {
  // The key is sealed as it arrives; an empty field keeps the key already set.
  const sealKey: Before = async (request: ActionRequest) => {
    if (request.method !== 'post' || !request.payload) return request;
    const payload = { ...request.payload };
    const key = typeof payload.apiKey === 'string' ? payload.apiKey.trim() : '';
    delete payload.apiKey;
    delete payload.apiKeyEncrypted;
    if (key) payload.apiKeyEncrypted = context.secretBox.seal(key);
    return { ...request, payload };
  };
  const markKey: After<RecordActionResponse> = async (response) => {
    const id = response.record?.params?.id;
    if (!id) return response;
    const [row] = (await context.dataSource.query(`SELECT api_key_encrypted IS NOT NULL AS set FROM whatsapp_assistants WHERE id = $1`, [id])) as { set: boolean }[];
    delete response.record.params.apiKey;
    delete response.record.params.apiKeyEncrypted;
    response.record.params.apiKeyConfigured = row?.set ? 'yes' : 'no';
    return response;
  };
  const fields = [
    'name', 'provider', 'baseUrl', 'model', 'temperature', 'embeddingModel', 'instructions', 'timeoutMs', 'maxRetries', 'inputPricePerMillion',
    'outputPricePerMillion', 'currency', 'handoverKeywords', 'maxExchanges', 'answersPerHour', 'handoverAgentId', 'answerHours',
  ];
  return {
    resource: WhatsAppAssistant,
    options: {
      id: RESOURCE_IDS.assistants,
      navigation: WHATSAPP_NAVIGATION,
      listProperties: ['name', 'provider', 'model', 'baseUrl', 'updatedAt'],
      showProperties: [...fields, 'apiKeyConfigured', 'createdAt', 'updatedAt'],
      editProperties: [...fields.slice(0, 4), 'apiKey', ...fields.slice(4)],
      properties: {
        ...referenceProperties('handoverAgentId'),
        provider: choices(ASSISTANT_PROVIDERS),
        answerHours: choices(ANSWER_HOURS),
        instructions: { type: 'textarea' },
        handoverKeywords: { type: 'textarea' },
        apiKey: { type: 'password', isVisible: { list: false, filter: false, show: false, edit: true } },
        apiKeyEncrypted: hidden,
        apiKeyConfigured: { isVisible: { show: true, list: false, edit: false, filter: false } },
      },
      actions: {
        ...manageActions,
        new: { isAccessible: manage, before: sealKey, after: markKey },
        edit: { isAccessible: manage, before: sealKey, after: markKey },
        show: { isAccessible: manage, after: markKey },
      },
    },
  };
}

function knowledgeEntriesResource(context: PluginContext): ResourceWithOptions {
  const index: After<RecordActionResponse> = async (response, request) => {
    const id = response.record?.params?.id;
    if (request.method === 'post' && id && !response.record.errors?.length) await indexEntry(context, String(id));
    return response;
  };
  return {
    resource: WhatsAppKnowledgeEntry,
    options: {
      id: RESOURCE_IDS.knowledgeEntries,
      navigation: WHATSAPP_NAVIGATION,
      listProperties: ['question', 'knowledgeBaseId', 'documentId', 'updatedAt'],
      showProperties: ['question', 'answer', 'knowledgeBaseId', 'documentId', 'createdAt', 'updatedAt'],
      editProperties: ['knowledgeBaseId', 'question', 'answer'],
      filterProperties: ['knowledgeBaseId', 'documentId', 'question'],
      properties: { ...referenceProperties('knowledgeBaseId', 'documentId'), question: { type: 'textarea' }, answer: { type: 'textarea' } },
      actions: { ...manageActions, new: { isAccessible: manage, after: index }, edit: { isAccessible: manage, after: index } },
    },
  };
}

function reindexAfterDelete(context: PluginContext): After<RecordActionResponse> {
  return async (response) => {
    const baseId = response.record?.params?.knowledgeBaseId;
    if (baseId) await queueReindex(context, context.dataSource, String(baseId));
    return response;
  };
}
