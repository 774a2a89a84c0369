import type { AdminPages } from 'adminjs';
import { signedInAgent } from '../agents/signed-in-agent.js';
import type { PluginContext } from '../context/plugin-context.js';
import type { Report } from '../reports/load-report.js';
import { reportForAdmin } from '../reports/report-for-admin.js';

/** What GET /admin/api/pages/whatsappReports answers: null when the admin holds reports.view nowhere. */
export interface ReportsPageAnswer {
  report: Report | null;
}

export const REPORTS_PAGE = 'whatsappReports';

/** The managers' reports as an AdminJS page (the host adds `pages: whatsapp.pages`); its data handler reads the filters from the query. */
export function reportsPages(context: PluginContext, component: string): AdminPages {
  return {
    [REPORTS_PAGE]: {
      component,
      icon: 'BarChart2',
      handler: async (request, _response, { currentAdmin }): Promise<ReportsPageAnswer> => ({
        report: await reportForAdmin(context.dataSource, signedInAgent(currentAdmin), request.query, context.clock.now()),
      }),
    },
  };
}
