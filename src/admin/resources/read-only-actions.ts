import type { AccessRule } from '../access.js';

/**
 * Records the back office may look at but not create, edit or delete (WhatsApp or the system
 * writes them). `search` (AdminJS's autocomplete API) is listed too: left out, it is open to all.
 */
export function readOnlyActions(mayList: AccessRule, mayShow: AccessRule = mayList) {
  return {
    new: { isAccessible: false },
    edit: { isAccessible: false },
    delete: { isAccessible: false },
    bulkDelete: { isAccessible: false },
    list: { isAccessible: mayList },
    search: { isAccessible: mayList },
    show: { isAccessible: mayShow },
  };
}
