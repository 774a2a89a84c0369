import { ValidationError, type ActionRequest, type Before, type ResourceWithOptions } from 'adminjs';
import { normalizePhone } from '../../domain/phone.js';
import { LEAD_SOURCES, LEAD_STATUSES } from '../../domain/lead-choices.js';
import { WhatsAppLead } from '../../entities/whatsapp-lead.entity.js';
import { visibleLeadsPredicate } from '../../permissions/visible-leads.js';
import { holdingSomewhere } from '../access.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import type { WhatsAppComponents } from '../components.js';
import { ScopedResource } from '../scoped-resource.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { referenceProperties } from './references.js';

const values = (list: readonly string[]) => list.map((value) => ({ value, label: value }));

/**
 * B2B leads. A typed phone (`0555 12 34 56`, `00213…`, `+213 (0)…`) is stored as E.164, the
 * form WhatsApp contacts are matched on; one that is not a phone number is refused with a reason.
 * Which leads an admin reads and changes is decided in SQL (visibleLeadsPredicate): a record
 * carries no number for the synchronous access check to read.
 */
const leads = holdingSomewhere('leads.manage');

export function b2bLeadsResource(defaultRegion: string, components: WhatsAppComponents): ResourceWithOptions {
  const normalisePhone: Before = async (request: ActionRequest) => {
    const typed = request.payload?.phoneE164;
    if (request.method !== 'post' || typeof typed !== 'string' || typed.trim() === '') return request;
    const phoneE164 = normalizePhone(typed, defaultRegion);
    if (!phoneE164) throw new ValidationError({ phoneE164: { message: 'invalidPhoneNumber' } });
    return { ...request, payload: { ...request.payload, phoneE164 } };
  };

  return {
    resource: new ScopedResource(WhatsAppLead, visibleLeadsPredicate),
    options: {
      id: RESOURCE_IDS.leads,
      navigation: WHATSAPP_NAVIGATION,
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['organisationName', 'contactName', 'phoneE164', 'source', 'status', 'createdAt'],
      filterProperties: ['organisationName', 'contactName', 'phoneE164', 'source', 'status', 'assigneeId'],
      editProperties: ['organisationName', 'contactName', 'phoneE164', 'email', 'source', 'status', 'notes', 'assigneeId'],
      properties: {
        ...referenceProperties('assigneeId'),
        notes: { type: 'textarea' },
        phoneE164: { components: { list: components.phone, show: components.phone } },
        status: { availableValues: values(LEAD_STATUSES) },
        source: { availableValues: values(LEAD_SOURCES) },
      },
      actions: {
        list: { isAccessible: leads },
        search: { isAccessible: leads },
        show: { isAccessible: leads },
        new: { isAccessible: leads, before: normalisePhone },
        edit: { isAccessible: leads, before: normalisePhone },
        delete: { isAccessible: leads },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}
