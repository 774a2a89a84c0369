import { ForbiddenError, type Before } from 'adminjs';
import type { AgentLoader } from '../agents/signed-in-agent.js';

// Set by the plugin's admin routes on a request whose origin they checked. AdminJS hands action
// handlers a copy of Express's request ({...req}), which keeps own symbol properties but not the
// headers: this mark is how an action knows the origin was checked.
const ORIGIN_CHECKED = Symbol.for('adminjs-whatsapp.origin-checked');

export function markOriginChecked(req: object): void {
  (req as { [ORIGIN_CHECKED]?: true })[ORIGIN_CHECKED] = true;
}

function originChecked(request: object): boolean {
  return (request as { [ORIGIN_CHECKED]?: true })[ORIGIN_CHECKED] === true;
}

/**
 * The first `before` hook of every action of the plugin's resources, whatever login the host
 * uses: it loads the signed-in agent (so the access checks that follow decide with this
 * request's permissions) and refuses a state change whose origin was not checked — which is what
 * happens when the host did not mount the plugin's admin routes in front of AdminJS.
 */
export function checkActionRequest(agents: AgentLoader): Before {
  return async (request, context) => {
    await agents.load(context.currentAdmin);
    if (request.method === 'post' && !originChecked(request)) throw new ForbiddenError('originNotChecked');
    return request;
  };
}
