/**
 * The named permissions a manager grants. Stored as these strings in
 * whatsapp_permission_grants.permission; labels come from locales/<lang>/permissions.json.
 */
export const PERMISSIONS = [
  'inbox.view',
  'inbox.view_all',
  'inbox.reply',
  'inbox.assign',
  'inbox.resolve',
  'leads.manage',
  'labels.manage',
  'templates.manage',
  'campaigns.manage',
  'automation.manage',
  'reports.view',
  'assistant.manage',
  'accounts.manage',
  'permissions.grant',
  'integrations.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Permissions that make sense for one number; the others are held for the whole back office. */
export const NUMBER_SCOPED_PERMISSIONS: readonly Permission[] = [
  'inbox.view', 'inbox.view_all', 'inbox.reply', 'inbox.assign', 'inbox.resolve', 'leads.manage', 'templates.manage', 'campaigns.manage', 'automation.manage',
  'reports.view',
];

/** How a grant for every number (no account) is named by the permissions screen's form. */
export const EVERY_NUMBER = 'all';

export function isPermission(value: unknown): value is Permission {
  return typeof value === 'string' && (PERMISSIONS as readonly string[]).includes(value);
}

/**
 * What a role holds before any grant. The host's super-admin holds everything; a manager runs
 * the inbox and grants permissions, but managing numbers and settings is granted explicitly.
 * An agent holds only what was granted to them.
 */
export function roleDefaults(role: string | undefined): readonly Permission[] {
  if (role === 'super_admin') return PERMISSIONS;
  if (role === 'manager') return PERMISSIONS.filter((permission) => permission !== 'accounts.manage');
  return [];
}
