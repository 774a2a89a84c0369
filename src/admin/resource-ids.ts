/**
 * The AdminJS resource ids of the plugin (its tables' names), declared once for the resources
 * that register them and for the components that call their actions and link to their pages.
 * Pure: the components import it by value.
 */
export const RESOURCE_IDS = {
  conversations: 'whatsapp_conversations',
  messages: 'whatsapp_messages',
  contacts: 'whatsapp_contacts',
  conversationEvents: 'whatsapp_conversation_events',
  templates: 'whatsapp_templates',
  accounts: 'whatsapp_accounts',
  webhookEvents: 'whatsapp_webhook_events',
  permissionGrants: 'whatsapp_permission_grants',
  permissionChanges: 'whatsapp_permission_changes',
  leads: 'whatsapp_leads',
  agents: 'whatsapp_agents',
  labels: 'whatsapp_labels',
  adminUsers: 'whatsapp_admin_users',
  webhookEndpoints: 'whatsapp_webhook_endpoints',
  webhookDeliveries: 'whatsapp_webhook_deliveries',
  apiTokens: 'whatsapp_api_tokens',
  outboxEvents: 'whatsapp_outbox_events',
  rateCards: 'whatsapp_rate_cards',
  accountNotices: 'whatsapp_account_notices',
  cannedReplies: 'whatsapp_canned_replies',
  mentions: 'whatsapp_mentions',
  broadcasts: 'whatsapp_broadcasts',
  sequences: 'whatsapp_sequences',
  enrollments: 'whatsapp_sequence_enrollments',
  automationSettings: 'whatsapp_automation_settings',
  autoReplyRules: 'whatsapp_auto_reply_rules',
  slaPolicies: 'whatsapp_sla_policies',
} as const;
