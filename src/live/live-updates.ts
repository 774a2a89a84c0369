import express, { type Router } from 'express';
import type { PluginContext } from '../plugin-context.js';

export interface LiveUpdates {
  /** Mount at `<rootPath>/whatsapp/live`, behind the back office's authentication. */
  router: Router;
  close(): Promise<void>;
}

/** Server-Sent Events fed by LISTEN/NOTIFY (issue 5, part B). */
export function createLiveUpdates(_context: PluginContext): LiveUpdates {
  return { router: express.Router(), close: async () => undefined };
}
