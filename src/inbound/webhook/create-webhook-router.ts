import express from 'express';
import type { PluginContext } from '../../context/plugin-context.js';
import { createWebhookHandler, type WebhookHandlerOptions } from './create-webhook-handler.js';

export type WebhookRouterOptions = WebhookHandlerOptions;

/**
 * Meta's callback for an Express host: mount it at `/webhooks/whatsapp` BEFORE any global
 * body parser (see createWebhookHandler).
 */
export function createWebhookRouter(context: PluginContext, options: WebhookRouterOptions = {}): express.Router {
  const handle = createWebhookHandler(context, options);
  const router = express.Router();
  router.all('/', (req, res) => void handle(req, res));
  return router;
}
