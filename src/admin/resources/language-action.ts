import type { Action, ActionRequest, ActionResponse } from 'adminjs';
import type { DataSource } from 'typeorm';
import { isLanguage } from '../../i18n/negotiate-language.js';

/**
 * An admin's own language (the profile setting): POST `{ language }` with en, fr or ar, or an
 * empty value to follow the browser again. Only on one's own record; AdminJS's language menu
 * calls it, so the choice holds on the next page and the next login.
 */
export function languageAction(dataSource: DataSource): Action<ActionResponse> {
  return {
    name: 'language',
    actionType: 'record',
    isVisible: false,
    isAccessible: ({ currentAdmin, record }) => !!currentAdmin && String(record?.id()) === currentAdmin.id,
    handler: async (request: ActionRequest, _response, context) => {
      const record = context.record!;
      if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) };
      const requested = request.payload?.language;
      if (requested !== '' && !isLanguage(requested)) {
        return { record: record.toJSON(context.currentAdmin), notice: { message: 'unknownLanguage', type: 'error' } };
      }
      await dataSource.query(`UPDATE admin_users SET language = $2, updated_at = now() WHERE id = $1`, [record.id(), requested || null]);
      const fresh = await context.resource.findOne(String(record.id()));
      return { record: (fresh ?? record).toJSON(context.currentAdmin) };
    },
  };
}
