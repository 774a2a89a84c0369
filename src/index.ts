// The plugin's public API: one entry point, the entities a host's DataSource lists, and types.
export { createWhatsAppPlugin, DEFAULT_WEBHOOK_PATH, type MessageRequest, type WhatsAppPlugin } from './plugin.js';
export type { QueuedMessage, SendInteractive, SendMedia, SendTemplate, SendText } from './conversations/send-to-target.js';
export type { OutboundTarget } from './conversations/conversation-for-phone.js';
export { ENTITIES as whatsappEntities } from './entities/index.js';
export type { WhatsAppPluginOptions, ConfiguredAccount, ContactMatcher, CrmMatch } from './plugin-options.js';
export type { HostUser, IdentifyUser } from './agents/host-user.js';
export type { Agent } from './agents/sync-agent.js';
export type { AgentRole } from './domain/agent-role.js';
export { consoleLogger, type Logger } from './config/logger.js';
export type { BackOfficeAuth, BackOfficeAuthOptions, SignedInAdmin } from './auth/back-office-auth.js';
export type { FirstAdminResult } from './auth/first-admin.js';
export { passwordProblem, type PasswordProblem } from './auth/password-policy.js';
export type { HostLocale } from './admin/admin-locale.js';
export type { BackOfficeProtection, BackOfficeProtectionOptions } from './http/back-office-protection.js';
export type { BodyLimits } from './http/body-limits.js';
export { EVENT_KINDS, type DomainEvent, type EventKind } from './domain/event-kinds.js';
export type { EventHandler } from './integrations/event-handlers.js';
export type { RecordFeatureOptions } from './admin/record-feature.js';
