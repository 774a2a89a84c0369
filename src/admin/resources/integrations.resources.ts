import type { ActionContext, ActionRequest, ActionResponse, NoticeMessage, ResourceWithOptions } from 'adminjs';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { EVENT_KINDS } from '../../domain/event-kinds.js';
import { WhatsAppAccount } from '../../entities/whatsapp-account.entity.js';
import { WhatsAppApiToken } from '../../entities/whatsapp-api-token.entity.js';
import { WEBHOOK_DELIVERY_STATUSES, WhatsAppWebhookDelivery } from '../../entities/whatsapp-webhook-delivery.entity.js';
import { WhatsAppWebhookEndpoint } from '../../entities/whatsapp-webhook-endpoint.entity.js';
import { HANDLER_STATUSES, WhatsAppOutboxEvent } from '../../entities/whatsapp-outbox-event.entity.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { API_TOKEN_PERMISSIONS, createApiToken, revokeApiToken } from '../../integrations/api-tokens.js';
import { createWebhookEndpoint, redeliverWebhook, rotateWebhookSecret, setWebhookEndpointEnabled } from '../../integrations/webhook-endpoints.js';
import { holdingEverywhere } from '../access.js';
import type { WhatsAppComponents } from '../components.js';
import { refusalNotice } from '../refusal-notice.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { readOnlyActions } from './read-only-actions.js';
import { referenceProperties } from './references.js';

/** A form the create-with-secret component draws: labels and hints are i18n keys. */
export interface SecretForm extends ActionResponse {
  form: {
    intro?: string;
    submit?: string;
    fields: {
      name: string;
      label: string;
      hint?: string;
      kind: 'text' | 'select' | 'checkboxes';
      options: { value: string; label: string; translate?: boolean }[];
      /** What the field holds before the manager changes it. */
      initial?: string;
    }[];
  };
}

/** What the POST answers: the secret or token, once. */
export interface SecretShown extends ActionResponse {
  secret?: string;
  notice?: NoticeMessage;
}

const manage = holdingEverywhere('integrations.manage');
const csv = (value: unknown) => String(value ?? '').split(',').map((part) => part.trim()).filter(Boolean);

async function numberOptions(): Promise<{ value: string; label: string }[]> {
  const accounts = await WhatsAppAccount.find({ order: { name: 'ASC' } });
  return accounts.map((account) => ({ value: account.id, label: account.displayPhoneNumber ? `${account.name} (${account.displayPhoneNumber})` : account.name }));
}

/** A POST that makes a secret: the form on GET, the use case on POST, a refusal as a notice. */
function secretAction(form: () => Promise<SecretForm['form']>, make: (request: ActionRequest, context: ActionContext) => Promise<string>) {
  return async (request: ActionRequest, _response: unknown, context: ActionContext): Promise<SecretForm | SecretShown> => {
    if (request.method !== 'post') return { form: await form(), ...(context.record ? { record: context.record.toJSON(context.currentAdmin) } : {}) };
    try {
      const secret = await make(request, context);
      return { secret, notice: { message: 'integrations.secret.created', type: 'success' }, ...(context.record ? { record: context.record.toJSON(context.currentAdmin) } : {}) };
    } catch (error) {
      return { notice: refusalNotice(error), ...(context.record ? { record: context.record.toJSON(context.currentAdmin) } : {}) };
    }
  };
}

/** A record action confirmed by a POST that calls a use case and reloads the record. */
function confirmedAction(run: (context: ActionContext) => Promise<void>, success: string) {
  return async (request: ActionRequest, _response: unknown, context: ActionContext) => {
    const record = context.record!;
    if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) };
    try {
      await run(context);
    } catch (error) {
      return { record: record.toJSON(context.currentAdmin), notice: refusalNotice(error) };
    }
    const fresh = await context.resource.findOne(String(record.id()));
    return { record: (fresh ?? record).toJSON(context.currentAdmin), notice: { message: success, type: 'success' as const } };
  };
}

/**
 * Outgoing webhooks and API tokens, for managers (`integrations.manage`). Creating one shows
 * its secret once; changes go through the integrations use cases, never straight to the table.
 */
export function integrationsResources(context: PluginContext, components: WhatsAppComponents): ResourceWithOptions[] {
  const actor = (ctx: ActionContext) => signedInAgent(ctx.currentAdmin) ?? null;
  const endpointForm = async (): Promise<SecretForm['form']> => ({
    intro: 'integrations.endpoints.intro',
    fields: [
      { name: 'name', label: 'integrations.endpoints.name', kind: 'text', options: [] },
      { name: 'url', label: 'integrations.endpoints.url', hint: 'integrations.endpoints.urlHint', kind: 'text', options: [] },
      {
        name: 'accountId', label: 'integrations.endpoints.number', kind: 'select',
        options: [{ value: '', label: 'integrations.everyNumber', translate: true }, ...(await numberOptions())],
      },
      {
        name: 'eventKinds', label: 'integrations.endpoints.eventKinds', hint: 'integrations.endpoints.eventKindsHint', kind: 'checkboxes',
        options: EVENT_KINDS.map((kind) => ({ value: kind, label: `integrations.eventKinds.${kind}`, translate: true })),
      },
    ],
  });
  const tokenForm = async (): Promise<SecretForm['form']> => ({
    intro: 'integrations.tokens.intro',
    fields: [
      { name: 'name', label: 'integrations.tokens.name', kind: 'text', options: [] },
      {
        name: 'permissions', label: 'integrations.tokens.permissions', kind: 'checkboxes',
        options: API_TOKEN_PERMISSIONS.map((p) => ({ value: p, label: `permissions.names.${p}.label`, translate: true })),
      },
      { name: 'accountIds', label: 'integrations.tokens.numbers', hint: 'integrations.tokens.numbersHint', kind: 'checkboxes', options: await numberOptions() },
      {
        name: 'expiresInDays', label: 'integrations.tokens.expiresIn', kind: 'select', initial: '90',
        options: [
          { value: '30', label: 'integrations.tokens.days30', translate: true },
          { value: '90', label: 'integrations.tokens.days90', translate: true },
          { value: '365', label: 'integrations.tokens.days365', translate: true },
          { value: '', label: 'integrations.tokens.never', translate: true },
        ],
      },
    ],
  });

  return [
    {
      // The outbox, read-only: what was written, and how the in-process handlers took it.
      resource: WhatsAppOutboxEvent,
      options: {
        id: RESOURCE_IDS.outboxEvents,
        sort: { sortBy: 'sequence', direction: 'desc' },
        listProperties: ['sequence', 'occurredAt', 'kind', 'handlerStatus', 'handlerAttempts', 'handlerError'],
        filterProperties: ['kind', 'handlerStatus', 'conversationId', 'occurredAt'],
        showProperties: ['id', 'sequence', 'occurredAt', 'kind', 'conversationId', 'accountId', 'data', 'handlerStatus', 'handlerAttempts', 'handlerError', 'handledAt', 'fannedOutAt'],
        properties: {
          ...referenceProperties('accountId', 'conversationId'),
          kind: { availableValues: EVENT_KINDS.map((kind) => ({ value: kind, label: kind })) },
          handlerStatus: { availableValues: HANDLER_STATUSES.map((value) => ({ value, label: value })) },
          data: { type: 'mixed' },
          orderingKey: { isVisible: false },
          handlerNextAttemptAt: { isVisible: { list: false, filter: false, show: true, edit: false } },
        },
        actions: readOnlyActions(manage),
      },
    },
    {
      resource: WhatsAppWebhookEndpoint,
      options: {
        id: RESOURCE_IDS.webhookEndpoints,
        listProperties: ['name', 'url', 'accountId', 'enabled', 'disabledReason', 'lastSuccessAt', 'failingSince'],
        showProperties: ['name', 'url', 'accountId', 'eventKinds', 'enabled', 'disabledReason', 'failingSince', 'lastSuccessAt', 'createdById', 'createdAt'],
        properties: {
          ...referenceProperties('accountId', 'createdById'),
          secretEncrypted: { isVisible: false },
          url: { components: { list: components.customerTextCell } },
          eventKinds: { isArray: true, availableValues: EVENT_KINDS.map((kind) => ({ value: kind, label: kind })) },
          disabledReason: { availableValues: ['failing', 'manual'].map((value) => ({ value, label: value })) },
        },
        actions: {
          ...readOnlyActions(manage),
          delete: { isAccessible: manage },
          new: {
            actionType: 'resource',
            component: components.createWithSecret,
            isAccessible: manage,
            handler: secretAction(endpointForm, async (request, ctx) => {
              const payload = request.payload ?? {};
              const { secret } = await createWebhookEndpoint(context, actor(ctx), {
                name: String(payload.name ?? ''), url: String(payload.url ?? ''), eventKinds: csv(payload.eventKinds), accountId: String(payload.accountId ?? '') || null,
              });
              return secret;
            }),
          },
          rotateSecret: {
            actionType: 'record',
            icon: 'Key',
            component: components.createWithSecret,
            isAccessible: manage,
            handler: secretAction(async () => ({ intro: 'integrations.endpoints.rotateIntro', submit: 'integrations.endpoints.rotate', fields: [] }), async (_request, ctx) =>
              (await rotateWebhookSecret(context, actor(ctx), String(ctx.record!.id()))).secret,
            ),
          },
          enable: {
            actionType: 'record',
            icon: 'Play',
            component: components.confirmAction,
            isAccessible: manage,
            isVisible: ({ record }) => record?.params.enabled === false,
            handler: confirmedAction((ctx) => setWebhookEndpointEnabled(context, actor(ctx), String(ctx.record!.id()), true), 'integrations.endpoints.enabled'),
          },
          disable: {
            actionType: 'record',
            icon: 'Pause',
            component: components.confirmAction,
            isAccessible: manage,
            isVisible: ({ record }) => record?.params.enabled === true,
            handler: confirmedAction((ctx) => setWebhookEndpointEnabled(context, actor(ctx), String(ctx.record!.id()), false), 'integrations.endpoints.disabled'),
          },
        },
      },
    },
    {
      resource: WhatsAppWebhookDelivery,
      options: {
        id: RESOURCE_IDS.webhookDeliveries,
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['createdAt', 'endpointId', 'eventKind', 'status', 'attempts', 'responseStatus', 'nextAttemptAt'],
        filterProperties: ['endpointId', 'status', 'eventKind', 'createdAt'],
        showProperties: ['endpointId', 'eventId', 'eventKind', 'status', 'attempts', 'lastAttemptAt', 'nextAttemptAt', 'responseStatus', 'responseBody', 'error', 'durationMs', 'deliveredAt', 'createdAt'],
        properties: {
          ...referenceProperties('endpointId', 'eventId'),
          status: { availableValues: WEBHOOK_DELIVERY_STATUSES.map((value) => ({ value, label: value })) },
          responseBody: { type: 'textarea', components: { show: components.rawBody } },
        },
        actions: {
          ...readOnlyActions(manage),
          redeliver: {
            actionType: 'record',
            icon: 'RefreshCw',
            component: components.confirmAction,
            isAccessible: manage,
            handler: confirmedAction((ctx) => redeliverWebhook(context, actor(ctx), String(ctx.record!.id())), 'integrations.deliveries.redelivered'),
          },
        },
      },
    },
    {
      resource: WhatsAppApiToken,
      options: {
        id: RESOURCE_IDS.apiTokens,
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['name', 'tokenPrefix', 'permissions', 'accountIds', 'lastUsedAt', 'expiresAt', 'revokedAt'],
        showProperties: ['name', 'tokenPrefix', 'permissions', 'accountIds', 'requestsPerMinute', 'createdById', 'createdAt', 'lastUsedAt', 'expiresAt', 'revokedAt'],
        properties: {
          ...referenceProperties('createdById'),
          tokenHash: { isVisible: false },
          permissions: { isArray: true },
          accountIds: { isArray: true },
        },
        actions: {
          ...readOnlyActions(manage),
          new: {
            actionType: 'resource',
            component: components.createWithSecret,
            isAccessible: manage,
            handler: secretAction(tokenForm, async (request, ctx) => {
              const payload = request.payload ?? {};
              const numbers = csv(payload.accountIds);
              const { token } = await createApiToken(context, actor(ctx), {
                name: String(payload.name ?? ''), permissions: csv(payload.permissions), accountIds: numbers.length ? numbers : null,
                expiresInDays: payload.expiresInDays ? Number(payload.expiresInDays) : null,
              });
              return token;
            }),
          },
          revoke: {
            actionType: 'record',
            icon: 'Slash',
            component: components.confirmAction,
            isAccessible: manage,
            isVisible: ({ record }) => !record?.params.revokedAt,
            handler: confirmedAction((ctx) => revokeApiToken(context, actor(ctx), String(ctx.record!.id())), 'integrations.tokens.revoked'),
          },
        },
      },
    },
  ];
}
