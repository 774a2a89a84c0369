import type { ActionRequest, ActionResponse, After, RecordJSON, ResourceWithOptions } from 'adminjs';
import { summariseWebhookDelivery } from '../../domain/webhook-delivery-summary.js';
import { WEBHOOK_EVENT_STATUSES, WhatsAppWebhookEvent } from '../../entities/whatsapp-webhook-event.entity.js';
import { REPROCESSABLE_EVENT_STATUSES, WebhookEventNotReprocessableError } from '../../inbound/reprocess-webhook-event.js';
import type { WhatsAppComponents } from '../components.js';
import { holding } from '../access.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { readOnlyActions } from './read-only-actions.js';


const summaryProperty = { type: 'string' as const, isVisible: { list: true, show: true, edit: false, filter: false } };

/** What each delivery is about (kind, from whom, to which number, which message), read from its body for the lists. */
const summarised: After<ActionResponse> = async (response) => {
  for (const record of (response.records ?? (response.record ? [response.record] : [])) as RecordJSON[]) {
    Object.assign(record.params, summariseWebhookDelivery(String(record.params.rawBody ?? '')));
  }
  return response;
};

/** Raw deliveries: read-only, with a reprocess action for those that did not go through. */
export function webhookEventsResource(
  components: WhatsAppComponents,
  reprocess: (eventId: string) => Promise<void>,
): ResourceWithOptions {
  return {
    resource: WhatsAppWebhookEvent,
    options: {
      id: RESOURCE_IDS.webhookEvents,
      navigation: WHATSAPP_NAVIGATION,
      sort: { sortBy: 'receivedAt', direction: 'desc' },
      listProperties: ['receivedAt', 'kind', 'sender', 'number', 'messageId', 'status', 'attempts', 'lastError'],
      filterProperties: ['status', 'receivedAt', 'processedAt'],
      // The headers are not kept (the signature was checked on arrival): no empty box for them.
      showProperties: ['receivedAt', 'kind', 'sender', 'number', 'messageId', 'status', 'attempts', 'lastError', 'processedAt', 'bodySha256', 'rawBody'],
      properties: {
        rawBody: { type: 'textarea', components: { show: components.rawBody } },
        status: {
          availableValues: WEBHOOK_EVENT_STATUSES.map((value) => ({ value, label: value })),
        },
        headers: { type: 'mixed' },
        kind: { ...summaryProperty, availableValues: ['message', 'status', 'template', 'account', 'other'].map((value) => ({ value, label: value })) },
        sender: { ...summaryProperty, components: { list: components.phone, show: components.phone } },
        number: { ...summaryProperty, components: { list: components.phone, show: components.phone } },
        messageId: summaryProperty,
      },
      actions: {
        // Raw deliveries are operations data: for those who manage the numbers and settings.
        ...readOnlyActions(holding('accounts.manage')),
        list: { isAccessible: holding('accounts.manage'), after: summarised },
        show: { isAccessible: holding('accounts.manage'), after: summarised },
        reprocess: {
          actionType: 'record',
          icon: 'RefreshCw',
          component: components.confirmAction,
          isAccessible: holding('accounts.manage'),
          isVisible: ({ record }) => REPROCESSABLE_EVENT_STATUSES.includes(record?.params.status),
          handler: async (request: ActionRequest, _response, context) => {
            const record = context.record!;
            if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) };
            try {
              await reprocess(String(record.id()));
            } catch (error) {
              if (!(error instanceof WebhookEventNotReprocessableError)) throw error;
              return { record: record.toJSON(context.currentAdmin), notice: { message: 'reprocessNotAllowed', type: 'error' } };
            }
            const fresh = await context.resource.findOne(String(record.id()));
            return {
              record: (fresh ?? record).toJSON(context.currentAdmin),
              notice: { message: 'reprocessQueued', type: 'success' },
            };
          },
        },
      },
    },
  };
}
