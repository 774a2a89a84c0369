import type { RequestListener } from 'node:http';
import type { WebhookHandler } from './create-webhook-handler.js';

/**
 * A `node:http` listener that gives requests for `path` to the webhook handler and every other
 * request to `next` (the host's Express app): `http.createServer(webhookBefore(handler, app))`.
 * Meta's deliveries then skip Express's per-request work, which costs more CPU than the
 * whole ack path (see `npm run bench:webhook`); the host's middleware does not run for them.
 */
export function webhookBefore(handler: WebhookHandler, next: RequestListener, path = '/webhooks/whatsapp'): RequestListener {
  return (req, res) => {
    const url = req.url ?? '';
    const rest = url.startsWith(path) ? url.slice(path.length) : undefined;
    if (rest === '' || rest === '/' || rest?.startsWith('?') || rest?.startsWith('/?')) void handler(req, res);
    else next(req, res);
  };
}
