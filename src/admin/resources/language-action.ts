import type { Action, ActionRequest, ActionResponse } from 'adminjs';
import type { DataSource } from 'typeorm';
import { setAgentLanguage } from '../../agents/set-agent-language.js';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { isLanguage } from '../../i18n/negotiate-language.js';

/**
 * An agent's own language (the profile setting): POST `{ language }` with en, fr or ar, or an
 * empty value to follow the host's or the browser's again. Only on one's own agent record; AdminJS's language menu
 * calls it, so the choice holds on the next page and the next login.
 */
export function languageAction(dataSource: DataSource): Action<ActionResponse> {
  return {
    name: 'language',
    actionType: 'record',
    isVisible: false,
    isAccessible: ({ currentAdmin, record }) => !!record && signedInAgent(currentAdmin)?.id === String(record.id()),
    handler: async (request: ActionRequest, _response, context) => {
      const record = context.record!;
      if (request.method !== 'post') return { record: record.toJSON(context.currentAdmin) };
      const requested = request.payload?.language;
      if (requested !== '' && !isLanguage(requested)) {
        return { record: record.toJSON(context.currentAdmin), notice: { message: 'unknownLanguage', type: 'error' } };
      }
      await setAgentLanguage(dataSource, String(record.id()), requested || null);
      const fresh = await context.resource.findOne(String(record.id()));
      return { record: (fresh ?? record).toJSON(context.currentAdmin) };
    },
  };
}
