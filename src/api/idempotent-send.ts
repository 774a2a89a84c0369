import { createHash } from 'node:crypto';
import type { Request } from 'express';
import type { PluginContext } from '../context/plugin-context.js';
import { queryOne, queryRows } from '../db/sql.js';
import { inTransaction, type Transaction } from '../db/transaction.js';

export interface ApiAnswer {
  status: number;
  body: unknown;
  replayed: boolean;
}

export class IdempotencyKeyError extends Error {
  constructor(readonly code: 'invalid-idempotency-key' | 'idempotency-key-reused') {
    super(code);
  }
}

/**
 * Runs a send at most once per `Idempotency-Key` (per token, kept 24 hours). The key is inserted
 * in the send's own transaction: a second request with the key waits on the first one's row
 * until it commits, then answers what the first answered (`Idempotent-Replayed`); if the first
 * was refused (rolled back), the second runs. So two racing requests make one message. The same
 * key with another request is refused.
 */
export async function idempotentSend(
  context: PluginContext,
  req: Request,
  tokenId: string,
  send: (tx: Transaction) => Promise<{ status: number; body: unknown }>,
): Promise<ApiAnswer> {
  const key = req.get('idempotency-key');
  if (key === undefined) return { ...(await inTransaction(context.dataSource, send)), replayed: false };
  if (!/^[\x21-\x7e]{1,255}$/.test(key)) throw new IdempotencyKeyError('invalid-idempotency-key');
  const requestHash = createHash('sha256').update(`${req.method} ${req.baseUrl}${req.path}\n${JSON.stringify(req.body ?? null)}`).digest('hex');

  return inTransaction(context.dataSource, async (tx) => {
    const claimed = await queryRows(
      tx.manager,
      `INSERT INTO whatsapp_api_idempotency_keys (token_id, key, request_hash, status_code, response) VALUES ($1, $2, $3, 0, 'null')
       ON CONFLICT (token_id, key) DO NOTHING RETURNING key`,
      [tokenId, key, requestHash],
    );
    if (claimed.length === 0) {
      const stored = await queryOne<{ request_hash: string; status_code: number; response: unknown }>(
        tx.manager,
        `SELECT request_hash, status_code, response FROM whatsapp_api_idempotency_keys WHERE token_id = $1 AND key = $2`,
        [tokenId, key],
      );
      if (!stored || stored.request_hash !== requestHash) throw new IdempotencyKeyError('idempotency-key-reused');
      return { status: stored.status_code, body: stored.response, replayed: true };
    }
    const answer = await send(tx);
    await queryRows(tx.manager, `UPDATE whatsapp_api_idempotency_keys SET status_code = $3, response = $4 WHERE token_id = $1 AND key = $2`, [
      tokenId,
      key,
      answer.status,
      JSON.stringify(answer.body),
    ]);
    return { ...answer, replayed: false };
  });
}
