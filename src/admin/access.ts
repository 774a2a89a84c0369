import type { ActionContext, CurrentAdmin } from 'adminjs';

/**
 * Role checks for the foundation. The named, per-number permissions (issue "inbox") build
 * on these; every check runs on the server through AdminJS's isAccessible.
 */
export function isManager(admin: CurrentAdmin | undefined): boolean {
  return admin?.role === 'super_admin' || admin?.role === 'manager';
}

export const managersOnly = ({ currentAdmin }: ActionContext) => isManager(currentAdmin);
export const signedIn = ({ currentAdmin }: ActionContext) => !!currentAdmin;
