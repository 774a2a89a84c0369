import type { RecordJSON } from 'adminjs';

// AdminJS types a record's params as `Record<string, any>`: the fields the components read are
// named here, as the resources send them, so that nothing downstream is `any`.

/** A conversation record: its columns, and the summaries its resource adds (conversation-summaries.ts). */
export interface ConversationParams {
  assigneeId?: string | null;
  leadId?: string | null;
  leadName?: string | null;
}

/** A record of the built-in login's accounts (whatsapp_admin_users). */
export interface AdminUserParams {
  name?: string | null;
}

export const conversationParams = (record: RecordJSON): ConversationParams => record.params;

export const adminUserParams = (record: RecordJSON): AdminUserParams => record.params;
