import type { ResourceWithOptions } from 'adminjs';
import type { PluginContext } from '../../context/plugin-context.js';
import type { WhatsAppComponents } from '../components.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { markReadAction, markReadWhenOpened, replyAction, sendTemplateAction } from './conversation-actions.js';
import { composerActions } from './composer-actions.js';
import { availabilityAction } from './availability-action.js';
import { conversationViewActions, earlierConversationsAction } from './conversation-view-actions.js';
import { conversationWorkflowActions } from './conversation-workflow-actions.js';
import { retryAction } from './message-actions.js';
import { WhatsAppContact } from '../../entities/whatsapp-contact.entity.js';
import { CONVERSATION_EVENT_KINDS, WhatsAppConversationEvent } from '../../entities/whatsapp-conversation-event.entity.js';
import { CONVERSATION_STATUSES, WhatsAppConversation } from '../../entities/whatsapp-conversation.entity.js';
import { WhatsAppMessage } from '../../entities/whatsapp-message.entity.js';
import { MESSAGE_STATUSES } from '../../domain/message-status.js';
import { KNOWN_MESSAGE_TYPES } from '../../domain/webhook-payload.js';
import { WhatsAppPermissionGrant } from '../../entities/whatsapp-permission-grant.entity.js';
import { guardConversationOf, holding, holdingEverywhere, holdingSomewhere, onVisibleConversation } from '../access.js';
import { visibleContactsPredicate } from '../../permissions/visible-contacts.js';
import { ScopedResource } from '../scoped-resource.js';
import { conversationLabelActions } from './conversation-label-actions.js';
import { conversationListActions } from './conversation-list-actions.js';
import { inboxPageActions } from './inbox-page-actions.js';
import { withConversationContacts, withConversationSummaries } from './conversation-summaries.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { readOnlyActions } from './read-only-actions.js';
import { referenceProperties } from './references.js';

const values = (list: readonly string[]) => list.map((value) => ({ value, label: value }));

/** The inbox's data as AdminJS resources. Records written by WhatsApp itself are read-only here. */
export function inboxResources(context: PluginContext, components: WhatsAppComponents): ResourceWithOptions[] {
  const summaries = withConversationSummaries(context.dataSource);
  const summaryProperty = { type: 'string' as const, isVisible: { list: true, show: true, edit: false, filter: false } };
  const customerText = { components: { list: components.customerTextCell, show: components.customerTextCell } };
  const filterOnly = { isVisible: { list: false, show: false, edit: false, filter: true } };
  const conversations = readOnlyActions(holding('inbox.view'), onVisibleConversation());
  const listing = conversationListActions(context);
  // Messages and audit rows belong to a conversation: the raw lists are for those who see every
  // conversation; agents read them in the conversation view, and a single record is checked
  // against its conversation.
  const ofConversation = {
    ...readOnlyActions(holdingEverywhere('inbox.view_all'), holdingSomewhere('inbox.view')),
    show: { isAccessible: holdingSomewhere('inbox.view'), before: guardConversationOf(context.dataSource) },
  };
  // Messages and audit rows name the person their conversation is with, not its id.
  const named = withConversationContacts(context.dataSource);
  const naming = <A extends typeof ofConversation>(actions: A) => ({ ...actions, list: { ...actions.list, after: named }, show: { ...actions.show, after: named } });
  return [
    {
      resource: WhatsAppConversation,
      options: {
        id: RESOURCE_IDS.conversations,
        navigation: WHATSAPP_NAVIGATION,
        sort: { sortBy: 'lastMessageAt', direction: 'desc' },
        listProperties: ['contactName', 'contactPhone', 'status', 'assigneeId', 'sla', 'intent', 'unreadCount', 'lastMessageAt', 'crmRecord'],
        showProperties: [
          'contactName', 'contactPhone', 'crmRecord', 'leadName', 'status', 'assigneeId', 'intent',
          'unreadCount', 'lastMessageAt', 'lastInboundAt', 'accountId', 'contactId', 'leadId', 'createdAt',
        ],
        filterProperties: ['search', 'view', 'status', 'assigneeId', 'accountId', 'unread', 'intent', 'label', 'lastMessageAt'],
        properties: {
          ...referenceProperties('accountId', 'contactId', 'assigneeId', 'leadId'),
          status: { availableValues: values(CONVERSATION_STATUSES) },
          search: { type: 'string', ...filterOnly },
          view: { availableValues: values(['mine', 'unassigned']), ...filterOnly },
          unread: { type: 'boolean', ...filterOnly },
          label: { reference: RESOURCE_IDS.labels, ...filterOnly },
          contactName: { ...summaryProperty, ...customerText },
          contactPhone: { ...summaryProperty, components: { list: components.phone, show: components.phone } },
          intent: { components: { list: components.intent, show: components.intent } },
          crmRecord: summaryProperty,
          leadName: { ...summaryProperty, isVisible: { list: false, show: true, edit: false, filter: false } },
          // The SLA timer due first, or how long an unassigned customer has waited.
          sla: { ...summaryProperty, components: { list: components.slaCell, show: components.slaCell } },
        },
        actions: {
          ...conversations,
          list: { ...listing.list, after: summaries },
          search: listing.search,
          // The conversation view draws its own header and buttons: AdminJS's row of a dozen actions overflows.
          show: {
            ...conversations.show,
            component: components.conversationView,
            hideActionHeader: true,
            after: [summaries, markReadWhenOpened(context)],
          },
          reply: replyAction(context, components.reply),
          sendTemplate: sendTemplateAction(context, components.sendTemplate),
          markRead: markReadAction(context),
          availability: availabilityAction(context, components.availability),
          ...conversationViewActions(context),
          earlierConversations: earlierConversationsAction(context),
          ...conversationWorkflowActions(context, components),
          ...conversationLabelActions(context),
          ...inboxPageActions(context),
          ...composerActions(context),
        },
      },
    },
    {
      resource: WhatsAppMessage,
      options: {
        id: RESOURCE_IDS.messages,
        navigation: WHATSAPP_NAVIGATION,
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['createdAt', 'conversationContact', 'direction', 'type', 'body', 'status', 'errorCode'],
        filterProperties: ['conversationId', 'direction', 'type', 'status', 'wamid', 'createdAt'],
        properties: {
          ...referenceProperties('conversationId', 'sentById', 'templateId'),
          body: { type: 'textarea', ...customerText },
          searchText: { isVisible: false },
          conversationContact: { ...summaryProperty, ...customerText },
          direction: { availableValues: values(['inbound', 'outbound']) },
          // What Meta sends, and what we send (templates); a kind WhatsApp adds later shows as it is.
          type: { availableValues: values([...KNOWN_MESSAGE_TYPES, 'template']) },
          payload: { type: 'mixed', isVisible: { list: false, filter: false, show: true, edit: false } },
          reactions: { type: 'mixed', isVisible: { list: false, filter: false, show: true, edit: false } },
          status: { availableValues: values(MESSAGE_STATUSES) },
        },
        actions: { ...naming(ofConversation), retry: retryAction(context, components.confirmAction) },
      },
    },
    {
      resource: new ScopedResource(WhatsAppContact, visibleContactsPredicate),
      options: {
        id: RESOURCE_IDS.contacts,
        navigation: WHATSAPP_NAVIGATION,
        listProperties: ['displayName', 'profileName', 'phoneE164', 'waId', 'crmRecordLabel', 'accountId'],
        // The CRM record by its name: its internal type and id say nothing to an agent.
        showProperties: ['displayName', 'profileName', 'phoneE164', 'waId', 'crmRecordLabel', 'accountId', 'createdAt', 'updatedAt'],
        filterProperties: ['profileName', 'displayName', 'phoneE164', 'waId', 'accountId'],
        editProperties: ['displayName'],
        properties: {
          ...referenceProperties('accountId'),
          profileName: customerText,
          displayName: customerText,
          phoneE164: { components: { list: components.phone, show: components.phone } },
          waId: { components: { list: components.phone, show: components.phone } },
          searchText: { isVisible: false },
        },
        actions: {
          // The contact directory: names and numbers, no conversation content; rows as private as their conversations.
          ...readOnlyActions(holding('inbox.view')),
          edit: { isAccessible: holding('inbox.reply') },
        },
      },
    },
    {
      resource: WhatsAppConversationEvent,
      options: {
        id: RESOURCE_IDS.conversationEvents,
        navigation: WHATSAPP_NAVIGATION,
        sort: { sortBy: 'createdAt', direction: 'desc' },
        listProperties: ['createdAt', 'conversationContact', 'kind', 'actorId'],
        showProperties: ['createdAt', 'conversationContact', 'kind', 'actorId'],
        filterProperties: ['conversationId', 'kind', 'actorId', 'createdAt'],
        properties: {
          ...referenceProperties('conversationId', 'actorId'),
          details: { type: 'mixed' },
          conversationContact: { ...summaryProperty, ...customerText },
          kind: { availableValues: values(CONVERSATION_EVENT_KINDS) },
        },
        actions: naming(ofConversation),
      },
    },
    {
      resource: WhatsAppPermissionGrant,
      options: {
        id: RESOURCE_IDS.permissionGrants,
        navigation: WHATSAPP_NAVIGATION,
        listProperties: ['agentId', 'permission', 'accountId', 'grantedById', 'grantedAt'],
        filterProperties: ['agentId', 'permission', 'accountId'],
        editProperties: ['agentId', 'permission', 'accountId'],
        properties: referenceProperties('agentId', 'accountId', 'grantedById'),
        // Granting and revoking happen on the agent's permissions screen, where they are audited.
        actions: readOnlyActions(holding('permissions.grant')),
      },
    },
  ];
}
