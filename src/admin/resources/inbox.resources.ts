import type { ResourceWithOptions } from 'adminjs';
import type { PluginContext } from '../../plugin-context.js';
import type { WhatsAppComponents } from '../components.js';
import { markReadWhenOpened, replyAction, sendTemplateAction } from './conversation-actions.js';
import { conversationViewActions } from './conversation-view-actions.js';
import { conversationWorkflowActions } from './conversation-workflow-actions.js';
import type { GraphApiClient } from '../../cloud-api/index.js';
import { retryAction } from './message-actions.js';
import { WhatsAppContact } from '../../entities/whatsapp-contact.entity.js';
import { WhatsAppConversationEvent } from '../../entities/whatsapp-conversation-event.entity.js';
import { WhatsAppConversation } from '../../entities/whatsapp-conversation.entity.js';
import { WhatsAppMessage } from '../../entities/whatsapp-message.entity.js';
import { WhatsAppPermissionGrant } from '../../entities/whatsapp-permission-grant.entity.js';
import { managersOnly, signedIn } from '../access.js';
import { withConversationSummaries } from './conversation-summaries.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { readOnlyActions } from './read-only-actions.js';
import { referenceProperties } from './references.js';

const readOnly = readOnlyActions(signedIn);

const values = (list: readonly string[]) => list.map((value) => ({ value, label: value }));

/** The inbox's data as AdminJS resources. Records written by WhatsApp itself are read-only here. */
export function inboxResources(context: PluginContext, components: WhatsAppComponents, graph: GraphApiClient): ResourceWithOptions[] {
  const summaries = withConversationSummaries(context.dataSource);
  const summaryProperty = { type: 'string' as const, isVisible: { list: true, show: true, edit: false, filter: false } };
  return [
    {
      resource: WhatsAppConversation,
      options: {
        id: 'whatsapp_conversations',
        navigation: WHATSAPP_NAVIGATION,
        sort: { sortBy: 'lastMessageAt', direction: 'desc' },
        listProperties: ['contactName', 'contactPhone', 'status', 'assigneeId', 'intent', 'unreadCount', 'lastMessageAt', 'crmRecord'],
        showProperties: [
          'contactName', 'contactPhone', 'crmRecord', 'leadName', 'status', 'assigneeId', 'intent', 'labels',
          'unreadCount', 'lastMessageAt', 'lastInboundAt', 'accountId', 'contactId', 'leadId', 'createdAt',
        ],
        filterProperties: ['status', 'assigneeId', 'accountId', 'intent', 'unreadCount', 'lastMessageAt'],
        properties: {
          ...referenceProperties('accountId', 'contactId', 'assigneeId', 'leadId'),
          status: { availableValues: values(['open', 'pending', 'resolved']) },
          contactName: summaryProperty,
          contactPhone: summaryProperty,
          crmRecord: summaryProperty,
          leadName: { ...summaryProperty, isVisible: { list: false, show: true, edit: false, filter: false } },
        },
        actions: {
          ...readOnly,
          list: { ...readOnly.list, after: summaries },
          show: { ...readOnly.show, component: components.conversationView, after: [summaries, markReadWhenOpened(context, graph)] },
          reply: replyAction(context, components.reply),
          sendTemplate: sendTemplateAction(context, components.sendTemplate),
          ...conversationViewActions(context),
          ...conversationWorkflowActions(context, components),
        },
      },
    },
    {
      resource: WhatsAppMessage,
      options: {
        id: 'whatsapp_messages',
        navigation: WHATSAPP_NAVIGATION,
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['createdAt', 'conversationId', 'direction', 'type', 'body', 'status', 'errorCode'],
        filterProperties: ['conversationId', 'direction', 'type', 'status', 'wamid', 'createdAt'],
        properties: {
          ...referenceProperties('conversationId', 'sentById', 'templateId'),
          body: { type: 'textarea' },
          payload: { type: 'mixed', isVisible: { list: false, filter: false, show: true, edit: false } },
          reactions: { type: 'mixed', isVisible: { list: false, filter: false, show: true, edit: false } },
          status: { availableValues: values(['queued', 'sending', 'sent', 'delivered', 'read', 'failed', 'unknown', 'received']) },
        },
        actions: { ...readOnly, retry: retryAction(context, components.confirmAction) },
      },
    },
    {
      resource: WhatsAppContact,
      options: {
        id: 'whatsapp_contacts',
        navigation: WHATSAPP_NAVIGATION,
        listProperties: ['displayName', 'profileName', 'phoneE164', 'waId', 'crmRecordLabel', 'accountId'],
        filterProperties: ['profileName', 'displayName', 'phoneE164', 'waId', 'accountId'],
        editProperties: ['displayName'],
        properties: referenceProperties('accountId'),
        actions: {
          ...readOnly,
          edit: { isAccessible: signedIn },
        },
      },
    },
    {
      resource: WhatsAppConversationEvent,
      options: {
        id: 'whatsapp_conversation_events',
        navigation: WHATSAPP_NAVIGATION,
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['createdAt', 'conversationId', 'kind', 'actorId'],
        filterProperties: ['conversationId', 'kind', 'actorId', 'createdAt'],
        properties: { ...referenceProperties('conversationId', 'actorId'), details: { type: 'mixed' } },
        actions: readOnly,
      },
    },
    {
      resource: WhatsAppPermissionGrant,
      options: {
        id: 'whatsapp_permission_grants',
        navigation: WHATSAPP_NAVIGATION,
        listProperties: ['adminId', 'permission', 'accountId', 'grantedById', 'grantedAt'],
        filterProperties: ['adminId', 'permission', 'accountId'],
        editProperties: ['adminId', 'permission', 'accountId'],
        properties: referenceProperties('adminId', 'accountId', 'grantedById'),
        actions: readOnlyActions(managersOnly),
      },
    },
  ];
}
