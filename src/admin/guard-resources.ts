import type { Before, ResourceWithOptions } from 'adminjs';

// AdminJS's own actions: guarded even where a resource does not mention them.
const BUILT_IN_ACTIONS = ['list', 'search', 'show', 'new', 'edit', 'delete', 'bulkDelete'];

/** Puts `guard` first among the `before` hooks of every action of every resource. */
export function guardResources(resources: ResourceWithOptions[], guard: Before): ResourceWithOptions[] {
  return resources.map((resource) => {
    const actions: Record<string, { before?: Before | Before[] }> = { ...resource.options?.actions };
    for (const name of new Set([...BUILT_IN_ACTIONS, ...Object.keys(actions)])) {
      const action = actions[name] ?? {};
      const before = action.before ? (Array.isArray(action.before) ? action.before : [action.before]) : [];
      actions[name] = { ...action, before: [guard, ...before] };
    }
    return { ...resource, options: { ...resource.options, actions } as ResourceWithOptions['options'] };
  });
}
