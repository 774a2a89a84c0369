import { signBody } from '../domain/webhook-signature.js';
import { serializeDelivery, type WebhookDelivery } from './simulated-deliveries.js';

export interface PostDeliveryOptions {
  /** The host's webhook URL, e.g. http://localhost:3000/webhooks/whatsapp. */
  url: string;
  /** The app secret of the number the delivery names: the body is signed with it, as Meta does. */
  appSecret: string;
  /** Write non-ASCII characters as \uXXXX escapes, as Meta does (the signature covers those bytes). */
  escapeUnicode?: boolean;
}

/**
 * Posts one delivery the way Meta does: the exact bytes, `X-Hub-Signature-256` over them and
 * Meta's user agent. For a host's own demos and tests, and for `npm run simulate`.
 */
export async function postDelivery(delivery: WebhookDelivery | string, options: PostDeliveryOptions): Promise<Response> {
  const body = typeof delivery === 'string' ? delivery : serializeDelivery(delivery, { escapeUnicode: options.escapeUnicode });
  return fetch(options.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'user-agent': 'facebookexternalua', 'x-hub-signature-256': signBody(body, options.appSecret) },
    body,
  });
}
