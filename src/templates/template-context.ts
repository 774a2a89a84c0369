import type { GraphApiClient } from '../cloud-api/index.js';
import type { PluginContext } from '../context/plugin-context.js';

/**
 * What the template use cases need. The Graph API client is the one the plugin builds from
 * `graphUrl`; once PluginContext carries it as `graph`, the plugin's context is one of these.
 */
export type TemplateContext = Pick<PluginContext, 'dataSource' | 'accounts' | 'logger'> & { graph: GraphApiClient };
