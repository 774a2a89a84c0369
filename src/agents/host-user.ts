import type { CurrentAdmin } from 'adminjs';
import { isAgentRole, type AgentRole } from '../domain/agent-role.js';

/**
 * Who is signed in, as the host CRM knows them: its own user id and the few facts the inbox
 * shows and decides with. The plugin keeps an agent row by that id; nothing else is copied.
 */
export interface HostUser {
  /** The host's user id (number or text). */
  id: string | number;
  name?: string | null;
  email?: string | null;
  /** The host's role mapped onto the plugin's. Default: `agent` (holds only what a manager granted). */
  role?: AgentRole;
  /** The host's idea of the user's language, used until the user picks one in the back office. */
  language?: string | null;
  /** False for a user the host disabled: such an agent holds nothing and cannot be assigned. Default true. */
  active?: boolean;
}

/**
 * Reads the host's signed-in admin (AdminJS's `currentAdmin`, i.e. `req.session.adminUser`) and
 * says who it is. May be async (a host may look its user up). Null: nobody the inbox knows.
 */
export type IdentifyUser = (currentAdmin: CurrentAdmin) => HostUser | null | undefined | Promise<HostUser | null | undefined>;

/**
 * Without an `identifyUser` option: AdminJS's conventional fields (`id`, `title` or `name`,
 * `email`), and `role` when it already is one of the plugin's roles.
 */
export const identifyByAdminJsFields: IdentifyUser = (admin) => {
  const id = admin.id as unknown;
  if ((typeof id !== 'string' && typeof id !== 'number') || String(id) === '') return null;
  const name = [admin.title, admin.name, admin.email].find((value): value is string => typeof value === 'string' && value.trim() !== '');
  return {
    id,
    name,
    email: typeof admin.email === 'string' ? admin.email : null,
    role: isAgentRole(admin.role) ? admin.role : 'agent',
    language: typeof admin.language === 'string' ? admin.language : null,
  };
};
