import { AdminUser } from './admin-user.entity.js';
import { WhatsAppAccountNotice } from './whatsapp-account-notice.entity.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';
import { WhatsAppAgent } from './whatsapp-agent.entity.js';
import { WhatsAppBroadcastRecipient } from './whatsapp-broadcast-recipient.entity.js';
import { WhatsAppBroadcast } from './whatsapp-broadcast.entity.js';
import { WhatsAppCannedReply } from './whatsapp-canned-reply.entity.js';
import { WhatsAppAssistantConversation } from './whatsapp-assistant-conversation.entity.js';
import { WhatsAppAssistantNumber } from './whatsapp-assistant-number.entity.js';
import { WhatsAppAssistantRun } from './whatsapp-assistant-run.entity.js';
import { WhatsAppAssistant } from './whatsapp-assistant.entity.js';
import { WhatsAppKnowledgeBaseNumber } from './whatsapp-knowledge-base-number.entity.js';
import { WhatsAppKnowledgeBase } from './whatsapp-knowledge-base.entity.js';
import { WhatsAppKnowledgeChunk } from './whatsapp-knowledge-chunk.entity.js';
import { WhatsAppKnowledgeDocument } from './whatsapp-knowledge-document.entity.js';
import { WhatsAppKnowledgeEntry } from './whatsapp-knowledge-entry.entity.js';
import { WhatsAppConsentChange } from './whatsapp-consent-change.entity.js';
import { WhatsAppContact } from './whatsapp-contact.entity.js';
import { WhatsAppConversationLabel } from './whatsapp-conversation-label.entity.js';
import { WhatsAppConversationEvent } from './whatsapp-conversation-event.entity.js';
import { WhatsAppConversationNote } from './whatsapp-conversation-note.entity.js';
import { WhatsAppConversation } from './whatsapp-conversation.entity.js';
import { WhatsAppLabel } from './whatsapp-label.entity.js';
import { WhatsAppLead } from './whatsapp-lead.entity.js';
import { WhatsAppMention } from './whatsapp-mention.entity.js';
import { WhatsAppMessageReaction } from './whatsapp-message-reaction.entity.js';
import { WhatsAppMessageRevision } from './whatsapp-message-revision.entity.js';
import { WhatsAppMessage } from './whatsapp-message.entity.js';
import { WhatsAppRateCard } from './whatsapp-rate-card.entity.js';
import { WhatsAppPendingStatus } from './whatsapp-pending-status.entity.js';
import { WhatsAppPermissionChange } from './whatsapp-permission-change.entity.js';
import { WhatsAppPermissionGrant } from './whatsapp-permission-grant.entity.js';
import { WhatsAppSavedView } from './whatsapp-saved-view.entity.js';
import { WhatsAppScheduledMessage } from './whatsapp-scheduled-message.entity.js';
import { WhatsAppSequenceEnrollmentEvent } from './whatsapp-sequence-enrollment-event.entity.js';
import { WhatsAppSequenceEnrollment } from './whatsapp-sequence-enrollment.entity.js';
import { WhatsAppSequence } from './whatsapp-sequence.entity.js';
import { WhatsAppTemplate } from './whatsapp-template.entity.js';
import { WhatsAppWebhookEvent } from './whatsapp-webhook-event.entity.js';
import { WhatsAppOutboxEvent } from './whatsapp-outbox-event.entity.js';
import { WhatsAppWebhookEndpoint } from './whatsapp-webhook-endpoint.entity.js';
import { WhatsAppWebhookDelivery } from './whatsapp-webhook-delivery.entity.js';
import { WhatsAppApiToken } from './whatsapp-api-token.entity.js';
import { WhatsAppAutomationSettings } from './whatsapp-automation-settings.entity.js';
import { WhatsAppAutoReplyRule } from './whatsapp-auto-reply-rule.entity.js';
import { WhatsAppSlaPolicy } from './whatsapp-sla-policy.entity.js';

export {
  AdminUser, WhatsAppAccount, WhatsAppAccountNotice, WhatsAppAgent, WhatsAppBroadcast, WhatsAppBroadcastRecipient, WhatsAppCannedReply, WhatsAppConsentChange,
  WhatsAppContact, WhatsAppConversation, WhatsAppConversationEvent, WhatsAppConversationLabel, WhatsAppConversationNote, WhatsAppLabel, WhatsAppLead,
  WhatsAppMention, WhatsAppMessage, WhatsAppMessageReaction, WhatsAppMessageRevision, WhatsAppPendingStatus, WhatsAppPermissionChange,
  WhatsAppPermissionGrant, WhatsAppRateCard, WhatsAppSavedView, WhatsAppScheduledMessage, WhatsAppSequence, WhatsAppSequenceEnrollment,
  WhatsAppSequenceEnrollmentEvent, WhatsAppTemplate, WhatsAppWebhookEvent,
  WhatsAppOutboxEvent, WhatsAppWebhookEndpoint, WhatsAppWebhookDelivery, WhatsAppApiToken,
  WhatsAppAutomationSettings, WhatsAppAutoReplyRule, WhatsAppSlaPolicy,
  WhatsAppAssistant, WhatsAppAssistantConversation, WhatsAppAssistantNumber, WhatsAppAssistantRun, WhatsAppKnowledgeBase, WhatsAppKnowledgeBaseNumber, WhatsAppKnowledgeChunk,
  WhatsAppKnowledgeDocument, WhatsAppKnowledgeEntry,
};

/** The plugin's entities: the host's DataSource must list them (`whatsappEntities`). */
export const ENTITIES = [
  WhatsAppAccount, WhatsAppAccountNotice, WhatsAppAgent, WhatsAppConsentChange, WhatsAppContact, WhatsAppConversation, WhatsAppConversationEvent, WhatsAppConversationLabel, WhatsAppLabel, WhatsAppLead,
  WhatsAppMessage, WhatsAppMessageReaction, WhatsAppMessageRevision, WhatsAppPendingStatus, WhatsAppPermissionChange, WhatsAppPermissionGrant,
  WhatsAppRateCard, WhatsAppSavedView, WhatsAppTemplate, WhatsAppWebhookEvent,
  WhatsAppOutboxEvent, WhatsAppWebhookEndpoint, WhatsAppWebhookDelivery, WhatsAppApiToken,
  WhatsAppBroadcast, WhatsAppBroadcastRecipient, WhatsAppSequence, WhatsAppSequenceEnrollment, WhatsAppSequenceEnrollmentEvent,
  WhatsAppCannedReply, WhatsAppConversationNote, WhatsAppMention, WhatsAppScheduledMessage,
  WhatsAppAutomationSettings, WhatsAppAutoReplyRule, WhatsAppSlaPolicy,
  WhatsAppAssistant, WhatsAppAssistantConversation, WhatsAppAssistantNumber, WhatsAppAssistantRun, WhatsAppKnowledgeBase, WhatsAppKnowledgeBaseNumber, WhatsAppKnowledgeChunk,
  WhatsAppKnowledgeDocument, WhatsAppKnowledgeEntry,
  // The built-in login's users: mapped always (an entity without its table costs nothing), its
  // table created only when `createBackOfficeAuth` is used.
  AdminUser,
];
