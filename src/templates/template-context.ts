import type { PluginContext } from '../context/plugin-context.js';

/** What the template use cases need of the plugin context (the plugin's context is one of these). */
export type TemplateContext = Pick<PluginContext, 'dataSource' | 'accounts' | 'logger' | 'graph'>;
