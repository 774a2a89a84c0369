import { Resource } from '@adminjs/typeorm';
import type { ComponentLoader, Locale, ResourceWithOptions } from 'adminjs';
import { fileURLToPath } from 'node:url';
import type { WhatsAppPlugin } from 'adminjs-whatsapp';
import { Activity, Organisation } from './crm-entities.js';

const ACTIVITIES_COMPONENT = fileURLToPath(new URL('./components/record-activities.tsx', import.meta.url));

/**
 * The sample CRM's own resource, its organisations, with WhatsApp on each record (the plugin's
 * record feature on its `phoneE164` property) and its activity timeline, which the plugin's
 * events fill (crm-activities.ts).
 */
export function crmResources(whatsapp: Pick<WhatsAppPlugin, 'recordFeature'>, componentLoader: ComponentLoader): ResourceWithOptions[] {
  const activities = componentLoader.add('CrmRecordActivities', ACTIVITIES_COMPONENT);
  return [
    {
      resource: new Resource(Organisation),
      options: {
        id: 'crm_organisations',
        navigation: { name: 'CRM', icon: 'Briefcase' },
        listProperties: ['name', 'phoneE164'],
        properties: {
          activities: { isVisible: { show: true, list: false, edit: false, filter: false }, components: { show: activities }, position: 10000 },
        },
        actions: {
          activities: {
            actionType: 'record',
            isVisible: false,
            handler: async (_request, _response, context) => ({
              record: context.record!.toJSON(context.currentAdmin),
              activities: await Activity.find({
                where: { recordType: 'organisation', recordId: String(context.record!.id()) },
                order: { occurredAt: 'DESC' },
                take: 50,
              }),
            }),
          },
        },
      },
      features: [whatsapp.recordFeature({ phoneProperty: 'phoneE164' })],
    },
  ];
}

/** The sample CRM's own words, merged over the plugin's. */
export const crmLocale: Locale = {
  language: 'en',
  availableLanguages: ['en', 'fr', 'ar'],
  translations: {
    en: {
      labels: { crm_organisations: 'Organisations', CRM: 'CRM' },
      properties: { name: 'Name', phoneE164: 'Phone', activities: 'Activity' },
      messages: { crm: { activities: 'Activity', noActivity: 'Nothing yet.' } },
    },
    fr: {
      labels: { crm_organisations: 'Organisations', CRM: 'CRM' },
      properties: { name: 'Nom', phoneE164: 'Téléphone', activities: 'Activité' },
      messages: { crm: { activities: 'Activité', noActivity: 'Rien pour l’instant.' } },
    },
    ar: {
      labels: { crm_organisations: 'المؤسسات', CRM: 'CRM' },
      properties: { name: 'الاسم', phoneE164: 'الهاتف', activities: 'النشاط' },
      messages: { crm: { activities: 'النشاط', noActivity: 'لا شيء بعد.' } },
    },
  },
};
