import type { Action, ActionResponse } from 'adminjs';
import type { PluginContext } from '../../plugin-context.js';
import type { WhatsAppComponents } from '../components.js';

/** The per-agent permissions screen on admin_users (issue 5, part E). */
export function permissionActions(_context: PluginContext, _components: WhatsAppComponents): Record<string, Action<ActionResponse>> {
  return {};
}
