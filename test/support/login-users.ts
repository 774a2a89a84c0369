import type { DataSource, EntityManager } from 'typeorm';

export interface LoginUserFields {
  email: string;
  name: string;
  role: string;
  /** An argon2 hash (hashPassword) when the user signs in; any text otherwise. */
  passwordHash?: string;
  isActive?: boolean;
}

/**
 * A user of the built-in login and its agent row (same id), as the "Agents and managers" screen
 * creates them: an agent exists before the first sign-in, so it can be granted and assigned.
 */
export async function insertLoginUser(db: DataSource | EntityManager, user: LoginUserFields): Promise<string> {
  const [row] = (await db.query(
    `WITH account AS (
       INSERT INTO whatsapp_admin_users (email, name, password_hash, role, is_active) VALUES ($1, $2, $3, $4, $5)
       RETURNING id::text AS id, name, email, role, is_active)
     INSERT INTO whatsapp_agents (id, name, email, role, is_active) SELECT id, name, email, role, is_active FROM account RETURNING id`,
    [user.email, user.name, user.passwordHash ?? 'x', user.role, user.isActive ?? true],
  )) as { id: string }[];
  return row!.id;
}

/** An agent of a host that has its own login (no built-in account). */
export async function insertAgent(db: DataSource | EntityManager, agent: { id: string; name: string; role?: string; isActive?: boolean }): Promise<string> {
  await db.query(`INSERT INTO whatsapp_agents (id, name, role, is_active) VALUES ($1, $2, $3, $4)`, [
    agent.id,
    agent.name,
    agent.role ?? 'agent',
    agent.isActive ?? true,
  ]);
  return agent.id;
}
