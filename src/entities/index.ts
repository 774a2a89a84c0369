import { AdminUser } from './admin-user.entity.js';
import { B2bLead } from './b2b-lead.entity.js';
import { WhatsAppAccount } from './whatsapp-account.entity.js';
import { WhatsAppContact } from './whatsapp-contact.entity.js';
import { WhatsAppConversationEvent } from './whatsapp-conversation-event.entity.js';
import { WhatsAppConversation } from './whatsapp-conversation.entity.js';
import { WhatsAppMessageReaction } from './whatsapp-message-reaction.entity.js';
import { WhatsAppMessage } from './whatsapp-message.entity.js';
import { WhatsAppPendingStatus } from './whatsapp-pending-status.entity.js';
import { WhatsAppPermissionChange } from './whatsapp-permission-change.entity.js';
import { WhatsAppPermissionGrant } from './whatsapp-permission-grant.entity.js';
import { WhatsAppTemplate } from './whatsapp-template.entity.js';
import { WhatsAppWebhookEvent } from './whatsapp-webhook-event.entity.js';

export {
  AdminUser, B2bLead, WhatsAppAccount, WhatsAppContact, WhatsAppConversation, WhatsAppConversationEvent,
  WhatsAppMessage, WhatsAppMessageReaction, WhatsAppPendingStatus, WhatsAppPermissionChange, WhatsAppPermissionGrant, WhatsAppTemplate, WhatsAppWebhookEvent,
};

export const ENTITIES = [
  AdminUser, B2bLead, WhatsAppAccount, WhatsAppContact, WhatsAppConversation, WhatsAppConversationEvent,
  WhatsAppMessage, WhatsAppMessageReaction, WhatsAppPendingStatus, WhatsAppPermissionChange, WhatsAppPermissionGrant, WhatsAppTemplate, WhatsAppWebhookEvent,
];
