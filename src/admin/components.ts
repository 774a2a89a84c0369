import type { ComponentLoader } from 'adminjs';
import { componentPath } from './component-path.js';

/** The plugin's React components, registered once on the host's ComponentLoader. */
export interface WhatsAppComponents {
  rawBody: string;
  confirmAction: string;
  reply: string;
  sendTemplate: string;
  templateForm: string;
  templateComponents: string;
  templateSync: string;
}

export function registerComponents(loader: ComponentLoader): WhatsAppComponents {
  return {
    rawBody: loader.add('WhatsAppRawBody', componentPath('raw-body.jsx')),
    confirmAction: loader.add('WhatsAppConfirmAction', componentPath('confirm-action.jsx')),
    reply: loader.add('WhatsAppReply', componentPath('reply.jsx')),
    sendTemplate: loader.add('WhatsAppSendTemplate', componentPath('send-template.jsx')),
    templateForm: loader.add('WhatsAppTemplateForm', componentPath('template-form.jsx')),
    templateComponents: loader.add('WhatsAppTemplateComponents', componentPath('template-components.jsx')),
    templateSync: loader.add('WhatsAppTemplateSync', componentPath('template-sync.jsx')),
  };
}
