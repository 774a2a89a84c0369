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
  createWithSecret: string;
  whatsAppOnRecord: string;
  rateCardUpload: string;
  inbox: string;
  labelColour: string;
  phone: string;
  intent: string;
  broadcastEditor: string;
  broadcastProgress: string;
  sequenceEditor: string;
  sequenceEnroll: string;
  enrollmentTimeline: string;
  reports: string;
  availability: string;
  slaCell: string;
  autoReplyTest: string;
  knowledgeBase: string;
}

/**
 * Registers the plugin's components on the host's loader. `sidebar`: the host asked for the
 * unread count in AdminJS's sidebar (it overrides `SidebarResourceSection`, unless the host
 * already did).
 */
export function registerComponents(loader: ComponentLoader, options: { sidebar: boolean }): WhatsAppComponents {
  if (options.sidebar && !loader.getComponents().SidebarResourceSection) loader.override('SidebarResourceSection', componentPath('unread-badge'));
  return {
    rawBody: loader.add('WhatsAppRawBody', componentPath('raw-body')),
    confirmAction: loader.add('WhatsAppConfirmAction', componentPath('confirm-action')),
    reply: loader.add('WhatsAppReply', componentPath('reply')),
    sendTemplate: loader.add('WhatsAppSendTemplate', componentPath('send-template')),
    templateForm: loader.add('WhatsAppTemplateForm', componentPath('template-form')),
    templateComponents: loader.add('WhatsAppTemplateComponents', componentPath('template-components')),
    templateSync: loader.add('WhatsAppTemplateSync', componentPath('template-sync')),
    conversationView: loader.add('WhatsAppConversationView', componentPath('conversation-view')),
    assignConversation: loader.add('WhatsAppAssignConversation', componentPath('assign-conversation')),
    linkLead: loader.add('WhatsAppLinkLead', componentPath('link-lead')),
    createLead: loader.add('WhatsAppCreateLead', componentPath('create-lead')),
    permissionGrants: loader.add('WhatsAppPermissionGrants', componentPath('permission-grants')),
    dashboard: loader.add('WhatsAppDashboard', componentPath('dashboard')),
    customerTextCell: loader.add('WhatsAppCustomerTextCell', componentPath('customer-text-cell')),
    createWithSecret: loader.add('WhatsAppCreateWithSecret', componentPath('create-with-secret')),
    whatsAppOnRecord: loader.add('WhatsAppOnRecord', componentPath('whatsapp-on-record')),
    rateCardUpload: loader.add('WhatsAppRateCardUpload', componentPath('rate-card-upload')),
    inbox: loader.add('WhatsAppInbox', componentPath('inbox-page')),
    labelColour: loader.add('WhatsAppLabelColour', componentPath('label-colour-cell')),
    phone: loader.add('WhatsAppPhone', componentPath('phone-cell')),
    intent: loader.add('WhatsAppIntent', componentPath('intent-cell')),
    broadcastEditor: loader.add('WhatsAppBroadcastEditor', componentPath('broadcast-editor')),
    broadcastProgress: loader.add('WhatsAppBroadcastProgress', componentPath('broadcast-progress')),
    sequenceEditor: loader.add('WhatsAppSequenceEditor', componentPath('sequence-editor')),
    sequenceEnroll: loader.add('WhatsAppSequenceEnroll', componentPath('sequence-enroll')),
    enrollmentTimeline: loader.add('WhatsAppEnrollmentTimeline', componentPath('enrollment-timeline')),
    reports: loader.add('WhatsAppReports', componentPath('reports')),
    availability: loader.add('WhatsAppAvailability', componentPath('availability')),
    slaCell: loader.add('WhatsAppSlaCell', componentPath('sla-cell')),
    autoReplyTest: loader.add('WhatsAppAutoReplyTest', componentPath('auto-reply-test')),
    knowledgeBase: loader.add('WhatsAppKnowledgeBase', componentPath('knowledge-base')),
  };
}
