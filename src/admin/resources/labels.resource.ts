import { ValidationError, type ActionRequest, type ActionContext, type Before, type ResourceWithOptions } from 'adminjs';
import type { DataSource } from 'typeorm';
import { LABEL_COLOUR_NAMES } from '../../domain/label-colours.js';
import { WhatsAppLabel } from '../../entities/whatsapp-label.entity.js';
import { labelFields } from '../../conversations/label-fields.js';
import { Refusal } from '../../domain/refusal.js';
import type { WhatsAppComponents } from '../components.js';
import { holdingEverywhere, holdingSomewhere } from '../access.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';

/**
 * The labels agents put on conversations, managed in one place (`labels.manage`, for every
 * number: a label is shared by all of them). A name is unique whatever its case; the colour is
 * one of the palette's. Deleting a label takes it off every conversation.
 */
export function labelsResource(dataSource: DataSource, components: WhatsAppComponents): ResourceWithOptions {
  const manage = holdingEverywhere('labels.manage');
  // The form's fields go through the same checks whatever screen saves them.
  const checked: Before = async (request: ActionRequest, context: ActionContext) => {
    if (request.method !== 'post' || !request.payload) return request;
    try {
      const fields = await labelFields(dataSource, request.payload, context.record ? String(context.record.id()) : undefined);
      return { ...request, payload: { ...request.payload, ...fields } };
    } catch (error) {
      if (!(error instanceof Refusal)) throw error;
      const field = error.reason === 'label-colour-unknown' ? 'colour' : 'name';
      throw new ValidationError({ [field]: { message: error.key } });
    }
  };
  return {
    resource: WhatsAppLabel,
    options: {
      id: RESOURCE_IDS.labels,
      navigation: WHATSAPP_NAVIGATION,
      sort: { sortBy: 'name', direction: 'asc' },
      listProperties: ['name', 'colour', 'updatedAt'],
      showProperties: ['name', 'colour', 'createdAt', 'updatedAt'],
      editProperties: ['name', 'colour'],
      filterProperties: ['name', 'colour'],
      properties: {
        colour: {
          availableValues: LABEL_COLOUR_NAMES.map((value) => ({ value, label: value })),
          components: { list: components.labelColour, show: components.labelColour },
        },
      },
      actions: {
        list: { isAccessible: holdingSomewhere('labels.manage') },
        // Who sets SLA policies picks their label here too.
        search: { isAccessible: (context) => holdingSomewhere('labels.manage')(context) || holdingSomewhere('automation.manage')(context) },
        show: { isAccessible: holdingSomewhere('labels.manage') },
        new: { isAccessible: manage, before: checked },
        edit: { isAccessible: manage, before: checked },
        delete: { isAccessible: manage },
        bulkDelete: { isAccessible: manage },
      },
    },
  };
}
