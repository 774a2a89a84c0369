import type { Action, ActionResponse } from 'adminjs';
import type { PluginContext } from '../../plugin-context.js';
import type { WhatsAppComponents } from '../components.js';

/** assign, unassign, resolve, reopen, linkLead, createLead and their bulk forms (issue 5, part A). */
export function conversationWorkflowActions(_context: PluginContext, _components: WhatsAppComponents): Record<string, Action<ActionResponse>> {
  return {};
}
