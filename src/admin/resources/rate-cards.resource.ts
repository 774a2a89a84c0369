import type { ActionRequest, NoticeMessage, ResourceWithOptions } from 'adminjs';
import type { DataSource } from 'typeorm';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { WhatsAppRateCard } from '../../entities/whatsapp-rate-card.entity.js';
import { RateCardRefusal, uploadRateCard } from '../../pricing/upload-rate-card.js';
import type { WhatsAppComponents } from '../components.js';
import { holdingEverywhere } from '../access.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { readOnlyActions } from './read-only-actions.js';

/** What the upload action answers the component. */
export interface RateCardUploadAnswer {
  notice?: NoticeMessage;
}

/**
 * Meta's prices, as managers upload them (the CSV Meta publishes): read-only rows per country and
 * category, and an upload that replaces the card of its effective date and prices the messages
 * sent since. For those who see every number: it prices all of them.
 */
export function rateCardsResource(dataSource: DataSource, components: WhatsAppComponents): ResourceWithOptions {
  const manage = holdingEverywhere('inbox.view_all');
  return {
    resource: WhatsAppRateCard,
    options: {
      id: RESOURCE_IDS.rateCards,
      navigation: WHATSAPP_NAVIGATION,
      sort: { sortBy: 'effectiveFrom', direction: 'desc' },
      listProperties: ['effectiveFrom', 'market', 'country', 'category', 'priceMicros', 'currency'],
      filterProperties: ['effectiveFrom', 'market', 'country', 'category'],
      properties: { uploadedById: { reference: RESOURCE_IDS.agents } },
      actions: {
        ...readOnlyActions(manage),
        upload: {
          actionType: 'resource',
          icon: 'Upload',
          component: components.rateCardUpload,
          isAccessible: manage,
          handler: async (request: ActionRequest, _response, action): Promise<RateCardUploadAnswer> => {
            if (request.method !== 'post') return {};
            const payload = request.payload ?? {};
            try {
              const uploaded = await uploadRateCard(dataSource, {
                csv: String(payload.csv ?? ''),
                effectiveFrom: String(payload.effectiveFrom ?? ''),
                currency: payload.currency ? String(payload.currency) : undefined,
                uploadedById: signedInAgent(action.currentAdmin)?.id ?? null,
              });
              return { notice: { message: 'rateCards.uploaded', type: 'success', options: { ...uploaded } } };
            } catch (error) {
              if (!(error instanceof RateCardRefusal)) throw error;
              return { notice: { message: error.key, type: 'error', options: { ...error.params } } };
            }
          },
        },
      },
    },
  };
}
