import { randomBytes } from 'node:crypto';

/**
 * The `biz_opaque_callback_data` of one send: our message id and a tag unique to that send
 * (`<uuid>:<8 hex>`). Meta echoes it in every status webhook, so a send whose answer was lost
 * can be matched to what Meta did with it; the tag keeps a late status of an earlier send of
 * the same message (one that failed and was retried) from being taken for the latest one.
 */
export function callbackDataFor(messageId: string): string {
  return `${messageId}:${randomBytes(4).toString('hex')}`;
}

/** The same, computed by SQL in the statement that claims a message for a new send; `id` is an SQL expression. */
export function callbackDataSql(id: string): string {
  return `(${id}::text || ':' || substr(md5(random()::text), 1, 8))`;
}
