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
  conversationView: string;
  assignConversation: string;
  linkLead: string;
  createLead: string;
  permissionGrants: string;
  dashboard: string;
  customerTextCell: string;
}

export function registerComponents(loader: ComponentLoader): WhatsAppComponents {
  if (!loader.getComponents().SidebarResourceSection) loader.override('SidebarResourceSection', componentPath('unread-badge.jsx'));
  return {
    rawBody: loader.add('WhatsAppRawBody', componentPath('raw-body.jsx')),
    confirmAction: loader.add('WhatsAppConfirmAction', componentPath('confirm-action.jsx')),
    reply: loader.add('WhatsAppReply', componentPath('reply.jsx')),
    sendTemplate: loader.add('WhatsAppSendTemplate', componentPath('send-template.jsx')),
    templateForm: loader.add('WhatsAppTemplateForm', componentPath('template-form.jsx')),
    templateComponents: loader.add('WhatsAppTemplateComponents', componentPath('template-components.jsx')),
    templateSync: loader.add('WhatsAppTemplateSync', componentPath('template-sync.jsx')),
    conversationView: loader.add('WhatsAppConversationView', componentPath('conversation-view.jsx')),
    assignConversation: loader.add('WhatsAppAssignConversation', componentPath('assign-conversation.jsx')),
    linkLead: loader.add('WhatsAppLinkLead', componentPath('link-lead.jsx')),
    createLead: loader.add('WhatsAppCreateLead', componentPath('create-lead.jsx')),
    permissionGrants: loader.add('WhatsAppPermissionGrants', componentPath('permission-grants.jsx')),
    dashboard: loader.add('WhatsAppDashboard', componentPath('dashboard.jsx')),
    customerTextCell: loader.add('WhatsAppCustomerTextCell', componentPath('customer-text-cell.jsx')),
  };
}
