import { z } from 'zod';
import { INBOX_CHANNEL, PERMISSIONS_CHANNEL, type InboxNotification } from '../db/notify.js';
import { isAgentId } from '../domain/agent-role.js';
import { INBOX_NOTIFICATION_KINDS } from '../domain/live-events.js';

const uuid = z.string().uuid();

const inboxNotification = z.object({
  kind: z.enum(INBOX_NOTIFICATION_KINDS),
  accountId: uuid,
  conversationId: uuid,
  messageId: uuid.optional(),
  noteId: uuid.optional(),
  agentIds: z.array(z.string().refine(isAgentId)).max(50).optional(),
});

// An agent's id is the host's user id, as text.
const permissionsChanged = z.object({ agentId: z.string().refine(isAgentId) });

/** What arrived on one of the channels the live updates listen to, in arrival order. */
export type LiveNotification = { channel: 'inbox'; notification: InboxNotification } | { channel: 'permissions'; agentId: string };

/**
 * Parses a NOTIFY payload. Anyone with the database's credentials can NOTIFY: a payload that is
 * not the documented shape is dropped rather than trusted.
 */
export function parseLiveNotification(channel: string, payload: string): LiveNotification | undefined {
  let json: unknown;
  try {
    json = JSON.parse(payload);
  } catch {
    return undefined;
  }
  if (channel === INBOX_CHANNEL) {
    const parsed = inboxNotification.safeParse(json);
    return parsed.success ? { channel: 'inbox', notification: parsed.data } : undefined;
  }
  if (channel === PERMISSIONS_CHANNEL) {
    const parsed = permissionsChanged.safeParse(json);
    return parsed.success ? { channel: 'permissions', agentId: parsed.data.agentId } : undefined;
  }
  return undefined;
}
