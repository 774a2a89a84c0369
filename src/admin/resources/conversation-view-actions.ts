import type { Action, ActionResponse } from 'adminjs';
import type { PluginContext } from '../../plugin-context.js';

/** The data actions behind the conversation view (timeline page, side panel) (issue 5, part C). */
export function conversationViewActions(_context: PluginContext): Record<string, Action<ActionResponse>> {
  return {};
}
