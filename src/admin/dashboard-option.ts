import type { AdminJSOptions } from 'adminjs';
import type { PluginContext } from '../context/plugin-context.js';
import { signedInAgent } from '../agents/signed-in-agent.js';
import { loadDashboardFigures } from '../reports/dashboard-figures.js';
import { dashboardTimeZone } from '../reports/dashboard-time-zone.js';

/**
 * The back office's home: the component and its data handler (GET /admin/api/dashboard), which
 * answers the signed-in admin's figures, counted in the browser's time zone (?timeZone=…).
 */
export function dashboardOption(context: PluginContext, component: string): NonNullable<AdminJSOptions['dashboard']> {
  return {
    component,
    handler: async (request, _response, { currentAdmin }) =>
      loadDashboardFigures(context.dataSource, signedInAgent(currentAdmin), { timeZone: dashboardTimeZone(request.query?.timeZone) }),
  };
}
