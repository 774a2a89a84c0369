import type { DataSource } from 'typeorm';
import { queryRows } from '../db/sql.js';
import { numbersWith, type InboxActor } from '../permissions/permission-snapshot.js';

/** A number a template may be created or synced for. */
export interface TemplateAccountChoice {
  id: string;
  name: string;
  displayPhoneNumber: string | null;
  hasAccessToken: boolean;
}

/** The active numbers whose templates the agent manages (`templates.manage`), for the form and the sync page. */
export async function managedTemplateAccounts(dataSource: DataSource, agent: InboxActor | null): Promise<TemplateAccountChoice[]> {
  const managed = numbersWith(agent, 'templates.manage');
  return queryRows<TemplateAccountChoice>(
    dataSource,
    `SELECT id, name, display_phone_number AS "displayPhoneNumber", access_token_encrypted IS NOT NULL AS "hasAccessToken"
       FROM whatsapp_accounts WHERE status = 'active' AND ($1::uuid[] IS NULL OR id = ANY($1::uuid[])) ORDER BY name, created_at`,
    [managed === 'all' ? null : managed],
  );
}
