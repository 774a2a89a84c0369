import type { ComponentLoader } from 'adminjs';
import { componentPath } from './component-path.js';

/** The plugin's React components, registered once on the host's ComponentLoader. */
export interface WhatsAppComponents {
  rawBody: string;
  confirmAction: string;
  reply: string;
}

export function registerComponents(loader: ComponentLoader): WhatsAppComponents {
  return {
    rawBody: loader.add('WhatsAppRawBody', componentPath('raw-body.jsx')),
    confirmAction: loader.add('WhatsAppConfirmAction', componentPath('confirm-action.jsx')),
    reply: loader.add('WhatsAppReply', componentPath('reply.jsx')),
  };
}
