/**
 * The three kinds of people the plugin knows. A host maps its own roles onto them when it says
 * who is signed in: a super-admin holds everything, a manager everything but numbers, an agent
 * only what a manager granted.
 */
export const AGENT_ROLES = ['super_admin', 'manager', 'agent'] as const;
export type AgentRole = (typeof AGENT_ROLES)[number];

export function isAgentRole(value: unknown): value is AgentRole {
  return typeof value === 'string' && (AGENT_ROLES as readonly string[]).includes(value);
}

/**
 * An agent's id is the host's user id as text. Ids come from requests and jobs: anything longer
 * than the column or holding control characters matches no row (PostgreSQL would raise on NUL).
 */
export function isAgentId(value: unknown): value is string {
  // eslint-disable-next-line no-control-regex
  return typeof value === 'string' && value.length > 0 && value.length <= 200 && !/[\u0000-\u001f]/.test(value);
}
