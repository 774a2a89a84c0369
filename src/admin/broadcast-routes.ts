import express, { type Request, type Router } from 'express';
import { pipeline } from 'node:stream/promises';
import type { SignedInAgent } from '../agents/signed-in-agent.js';
import { assertReadsBroadcast } from '../campaigns/campaign-access.js';
import { CampaignRefusal } from '../campaigns/campaign-refusal.js';
import { importBroadcastCsv } from '../campaigns/import-broadcast-csv.js';
import { broadcastResultsCsv } from '../campaigns/read/broadcast-results.js';
import type { PluginContext } from '../context/plugin-context.js';

/** What the CSV upload answers: the import's report, or the refusal's i18n key and values. */
export type CsvUploadAnswer = Awaited<ReturnType<typeof importBroadcastCsv>> | { refusal: { key: string; params: Record<string, string | number> } };

/**
 * The two broadcast routes that move files, at `<rootPath>/whatsapp/broadcasts` (behind the admin
 * routes: the agent is loaded and a POST's origin checked): `POST /:id/recipients` streams a CSV
 * body (`text/csv`, `?name=` the file's name) into the draft's recipients, never buffered;
 * `GET /:id/results.csv` streams the results. Both check `campaigns.manage` on the broadcast's
 * number through the use cases.
 */
export function createBroadcastRoutes(context: PluginContext, agentOf: (req: Request) => SignedInAgent | null): Router {
  const router = express.Router();
  router.post('/:id/recipients', async (req, res, next) => {
    const agent = agentOf(req);
    if (!agent) return void res.status(403).end();
    if (!req.is('text/csv')) return void res.status(415).end();
    try {
      const report = await importBroadcastCsv(context, agent, req.params.id!, req, String(req.query.name ?? 'audience.csv'));
      res.json(report satisfies CsvUploadAnswer);
    } catch (error) {
      if (!(error instanceof CampaignRefusal)) return next(error);
      // The rest of the body is not read: the connection closes after the answer.
      res.status(error.reason === 'not-allowed' || error.reason === 'not-found' ? 403 : 422).set('Connection', 'close');
      res.json({ refusal: { key: error.key, params: error.params } } satisfies CsvUploadAnswer);
    }
  });
  router.get('/:id/results.csv', async (req, res, next) => {
    const agent = agentOf(req);
    try {
      await assertReadsBroadcast(context.dataSource, req.params.id!, agent);
    } catch (error) {
      if (error instanceof CampaignRefusal) return void res.status(403).end();
      return next(error);
    }
    res.type('text/csv; charset=utf-8').attachment(`broadcast-${req.params.id}.csv`);
    await pipeline(broadcastResultsCsv(context.dataSource, req.params.id!, agent!.language), res).catch(next);
  });
  return router;
}
