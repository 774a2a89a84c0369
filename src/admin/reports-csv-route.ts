import express, { type Request, type Router } from 'express';
import type { PluginContext } from '../context/plugin-context.js';
import { serverTranslator } from '../i18n/server-translator.js';
import type { SignedInAgent } from '../agents/signed-in-agent.js';
import { REPORT_TABLES, type ReportTable } from '../reports/load-report.js';
import { reportCsv } from '../reports/report-csv.js';
import { reportForAdmin } from '../reports/report-for-admin.js';

/**
 * `<rootPath>/whatsapp/reports/<table>.csv?<the page's filters>`: one table of the reports as a
 * download, for holders of reports.view, counted exactly as the page shows it.
 */
export function createReportsCsvRoute(context: PluginContext, agentOf: (req: Request) => SignedInAgent | null): Router {
  const router = express.Router();
  router.get('/:table.csv', (req, res, next) => {
    const agent = agentOf(req);
    const table = req.params.table as ReportTable;
    if (!agent) return void res.status(401).end();
    if (!REPORT_TABLES.includes(table)) return void res.status(404).end();
    reportForAdmin(context.dataSource, agent, req.query, context.clock.now())
      .then((report) => {
        if (!report) return void res.status(403).end();
        const name = `whatsapp-${table}-${report.filters.from}-${report.filters.to}.csv`;
        res.type('text/csv; charset=utf-8').attachment(name).send(reportCsv(report, table, serverTranslator(agent.language)));
      })
      .catch(next);
  });
  return router;
}
