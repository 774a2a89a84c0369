import type { AdminJSOptions } from 'adminjs';
import type { PluginContext } from '../plugin-context.js';

/** The back office's home: SQL aggregates for the dashboard component (issue 5, part D). */
export function dashboardOption(_context: PluginContext, component: string): NonNullable<AdminJSOptions['dashboard']> {
  return { component, handler: async () => ({}) };
}
