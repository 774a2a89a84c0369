import type { DataSource, EntityManager } from 'typeorm';
import { notifyInStatement } from '../db/notify.js';
import { isAgentRole, type AgentRole } from '../domain/agent-role.js';
import { NO_PERMISSIONS, snapshotOf, type InboxActor, type PermissionSnapshot } from '../permissions/permission-snapshot.js';
import type { HostUser } from './host-user.js';

/** An agent as the inbox decides with it: who, in which role, holding what. */
export interface Agent extends InboxActor {
  id: string;
  name: string;
  email: string | null;
  role: AgentRole;
  /** Chosen in the back office's language menu; null: the host's, else the browser's. */
  preferredLanguage: string | null;
  isActive: boolean;
  permissions: PermissionSnapshot;
}

export interface AgentRow {
  id: string;
  name: string;
  email: string | null;
  role: string;
  language: string | null;
  is_active: boolean;
  grants: { permission: string; accountId: string | null }[];
}

// One round trip per request: the row is created on first sight, rewritten only when the host
// says something changed (or to note the agent was seen, at most once a minute), and read with
// its grants. A change of role or activity is announced on the permissions channel, so that the
// agent's open live streams apply it at once (or end).
const SYNC_SQL = `
  WITH previous AS (
    SELECT role, is_active FROM whatsapp_agents WHERE id = $1
  ), saved AS (
    INSERT INTO whatsapp_agents AS a (id, name, email, role, is_active, last_seen_at)
    VALUES ($1, $2, $3, $4, $5, now())
    ON CONFLICT (id) DO UPDATE
       SET name = EXCLUDED.name, email = EXCLUDED.email, role = EXCLUDED.role, is_active = EXCLUDED.is_active,
           last_seen_at = now(),
           updated_at = CASE WHEN (a.name, a.email, a.role, a.is_active) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.email, EXCLUDED.role, EXCLUDED.is_active)
                             THEN now() ELSE a.updated_at END
     WHERE (a.name, a.email, a.role, a.is_active) IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.email, EXCLUDED.role, EXCLUDED.is_active)
        OR a.last_seen_at IS NULL OR a.last_seen_at < now() - interval '1 minute'
    RETURNING a.id, a.name, a.email, a.role, a.language, a.is_active
  ), agent AS (
    SELECT * FROM saved
    UNION ALL
    SELECT id, name, email, role, language, is_active FROM whatsapp_agents WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM saved)
  )
  SELECT agent.*,
         COALESCE((SELECT json_agg(json_build_object('permission', g.permission, 'accountId', g.account_id))
                     FROM whatsapp_permission_grants g WHERE g.agent_id = agent.id), '[]'::json) AS grants,
         CASE WHEN EXISTS (SELECT 1 FROM previous p WHERE (p.role, p.is_active) IS DISTINCT FROM (agent.role, agent.is_active))
              THEN ${notifyInStatement.permissionsChanged('agent.id')} END AS announced
    FROM agent`;

/**
 * Brings the host user's agent row up to date and returns the agent with its permissions.
 * Used on every request (a grant or a revocation applies at the next click) and by hosts that
 * sync their users ahead of their first sign-in.
 */
export async function syncAgent(db: DataSource | EntityManager, user: HostUser): Promise<Agent> {
  const id = String(user.id);
  const email = user.email?.trim() || null;
  const name = user.name?.trim() || email || id;
  const role = isAgentRole(user.role) ? user.role : 'agent';
  const active = user.active !== false;
  const [row] = (await db.query(SYNC_SQL, [id, name.slice(0, 200), email?.slice(0, 320) ?? null, role, active])) as AgentRow[];
  return agentOfRow(row!);
}

export function agentOfRow(row: AgentRow): Agent {
  const role = isAgentRole(row.role) ? row.role : 'agent';
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    role,
    preferredLanguage: row.language,
    isActive: row.is_active,
    // An agent the host disabled holds nothing, whatever the role or the grants say.
    permissions: row.is_active ? snapshotOf(role, row.grants) : NO_PERMISSIONS,
  };
}
