import type { Action, ActionRequest, ActionResponse } from 'adminjs';
import { effectiveAvailability, isAvailability, setAvailability } from '../../automation/agent-availability.js';
import type { Availability } from '../../domain/automation-kinds.js';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { holding } from '../access.js';

/** What the availability action answers: the agent's availability as others see it. */
export interface AvailabilityAnswer {
  availability: Availability | null;
  givenBack?: number;
}

/**
 * "My availability", above the conversation list: GET answers it, POST `{ availability }` sets it
 * (online, away, offline) for whoever may reply somewhere. Automatic assignment follows it.
 */
export function availabilityAction(context: PluginContext, component: string): Action<ActionResponse> {
  return {
    name: 'availability',
    actionType: 'resource',
    icon: 'Activity',
    component,
    showInDrawer: true,
    isAccessible: holding('inbox.reply'),
    handler: async (request: ActionRequest, _response, { currentAdmin }): Promise<AvailabilityAnswer> => {
      const agent = signedInAgent(currentAdmin)!;
      if (request.method === 'post') {
        const requested = request.payload?.availability;
        if (!isAvailability(requested)) return { availability: await effectiveAvailability(context, context.dataSource, agent.id), notice: { message: 'automation.availability.unknown', type: 'error' } } as AvailabilityAnswer;
        const { givenBack } = await setAvailability(context, agent.id, requested);
        return { availability: await effectiveAvailability(context, context.dataSource, agent.id), givenBack };
      }
      return { availability: await effectiveAvailability(context, context.dataSource, agent.id) };
    },
  };
}
