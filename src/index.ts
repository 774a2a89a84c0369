// The plugin's public API: one entry point and its types. Nothing else is exported.
export { createWhatsAppPlugin, type WhatsAppPlugin } from './plugin.js';
export type { WhatsAppPluginOptions, ConfiguredAccount, ContactMatcher, CrmMatch } from './config/plugin-options.js';
export type { Logger } from './config/logger.js';
export type { BackOfficeAuth, BackOfficeAuthOptions, SignedInAdmin } from './auth/back-office-auth.js';
export type { BackOfficeProtection, BackOfficeProtectionOptions } from './http/back-office-protection.js';
export type { BodyLimits } from './http/body-limits.js';
