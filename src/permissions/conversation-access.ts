import type { DataSource } from 'typeorm';

/** What decides who may see a conversation: its number and its assignee. */
export interface ConversationAccess {
  accountId: string;
  assigneeId: string | null;
}

/** The owners of some conversations, by primary key, in one statement; a deleted one is absent. */
export async function readConversationAccess(dataSource: DataSource, ids: readonly string[]): Promise<Map<string, ConversationAccess>> {
  if (ids.length === 0) return new Map();
  const rows = (await dataSource.query(
    `SELECT id, account_id AS "accountId", assignee_id AS "assigneeId" FROM whatsapp_conversations WHERE id = ANY($1::uuid[])`,
    [ids],
  )) as (ConversationAccess & { id: string })[];
  return new Map(rows.map(({ id, accountId, assigneeId }) => [id, { accountId, assigneeId }]));
}
