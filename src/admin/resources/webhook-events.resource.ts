import type { ActionRequest, ResourceWithOptions } from 'adminjs';
import { WEBHOOK_EVENT_STATUSES, WhatsAppWebhookEvent } from '../../entities/whatsapp-webhook-event.entity.js';
import { REPROCESSABLE_EVENT_STATUSES, WebhookEventNotReprocessableError } from '../../inbound/reprocess-webhook-event.js';
import type { WhatsAppComponents } from '../components.js';
import { holding } from '../access.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { readOnlyActions } from './read-only-actions.js';


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
      listProperties: ['receivedAt', 'status', 'attempts', 'lastError'],
      filterProperties: ['status', 'receivedAt', 'processedAt'],
      showProperties: ['id', 'receivedAt', 'status', 'attempts', 'lastError', 'processedAt', 'bodySha256', 'headers', 'rawBody'],
      properties: {
        rawBody: { type: 'textarea', components: { show: components.rawBody } },
        status: {
          availableValues: WEBHOOK_EVENT_STATUSES.map((value) => ({ value, label: value })),
        },
        headers: { type: 'mixed' },
      },
      actions: {
        // Raw deliveries are operations data: for those who manage the numbers and settings.
        ...readOnlyActions(holding('accounts.manage')),
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
