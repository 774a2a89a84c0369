import type { EntityManager } from 'typeorm';

/**
 * The wamid Meta gave a message we sent with `biz_opaque_callback_data = callbackData`, when
 * only a parked status knows it: how the sending side settles a send whose answer it never got
 * (timeout) before deciding to resend. Null when no status has reported it yet.
 */
export async function findParkedWamid(manager: EntityManager, callbackData: string): Promise<string | null> {
  const [row]: { wamid: string }[] = await manager.query(
    `SELECT wamid FROM whatsapp_pending_statuses WHERE biz_opaque_callback_data = $1 ORDER BY status_at LIMIT 1`,
    [callbackData],
  );
  return row?.wamid ?? null;
}
