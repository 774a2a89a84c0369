import type { ActionContext } from 'adminjs';

/** Records the back office may look at but not create, edit or delete (WhatsApp or the system writes them). */
export function readOnlyActions(mayRead: (context: ActionContext) => boolean) {
  return {
    new: { isAccessible: false },
    edit: { isAccessible: false },
    delete: { isAccessible: false },
    bulkDelete: { isAccessible: false },
    list: { isAccessible: mayRead },
    show: { isAccessible: mayRead },
  };
}
