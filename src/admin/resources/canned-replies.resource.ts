import { ACTIONS, ValidationError, type ActionContext, type ActionHandler, type ActionResponse, type After, type RecordError, type ResourceWithOptions } from 'adminjs';
import type { DataSource } from 'typeorm';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { cannedReplyProblems } from '../../conversations/canned-replies.js';
import { WhatsAppCannedReply } from '../../entities/whatsapp-canned-reply.entity.js';
import { visibleCannedRepliesPredicate } from '../../permissions/visible-canned-replies.js';
import { holdingSomewhere, isManager } from '../access.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { ScopedResource } from '../scoped-resource.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { referenceProperties } from './references.js';

/** Autonyms: each language under its own name, whatever the reader's language. */
const LANGUAGES = [
  { value: 'en', label: 'English' },
  { value: 'fr', label: 'Français' },
  { value: 'ar', label: 'العربية' },
];

// An agent keeps their own replies; the shared ones are the managers'.
const mayChange = ({ currentAdmin, record }: ActionContext): boolean => {
  const owner = record?.params.ownerId as string | null | undefined;
  return owner ? owner === signedInAgent(currentAdmin)?.id : isManager(currentAdmin);
};

/**
 * Canned replies as a managed list (WhatsApp → Canned replies): whoever may answer a
 * conversation keeps their own, managers keep the shared ones. A reply is inserted in the reply
 * box with `/shortcut`, its placeholders filled for the conversation.
 */
export function cannedRepliesResource(dataSource: DataSource): ResourceWithOptions {
  // Runs once AdminJS allowed the action: who owns the reply is decided here, never by the form.
  const checked =
    (handler: ActionHandler<ActionResponse>): ActionHandler<ActionResponse> =>
    async (request, response, context) => {
      if (request.method !== 'post' || !request.payload) return handler(request, response, context);
      const agent = signedInAgent(context.currentAdmin);
      const { shared, ...payload } = request.payload;
      const existing = context.record;
      const wantsShared = shared === true || shared === 'true';
      const ownerId = existing ? ((existing.params.ownerId as string | null) ?? null) : wantsShared ? null : (agent?.id ?? null);
      const draft = {
        id: existing ? String(existing.id()) : undefined,
        shortcut: String(payload.shortcut ?? existing?.params.shortcut ?? '').trim().toLowerCase().replace(/^\//, ''),
        title: String(payload.title ?? existing?.params.title ?? '').trim(),
        body: String(payload.body ?? existing?.params.body ?? ''),
        language: (payload.language ?? existing?.params.language) ? String(payload.language ?? existing?.params.language) : null,
        ownerId,
      };
      const errors: Record<string, RecordError> = {};
      for (const [field, message] of Object.entries(await cannedReplyProblems(dataSource, draft))) errors[field] = { message, type: 'cannedReply' };
      if (!existing && wantsShared && !isManager(context.currentAdmin)) errors.shared = { message: 'cannedReplies.problem.sharedByManagers', type: 'cannedReply' };
      if (Object.keys(errors).length > 0) throw new ValidationError(errors);
      const { id: _id, ...values } = draft;
      return handler({ ...request, payload: { ...payload, ...values } }, response, context);
    };

  // The edit form shows whether the reply is shared (ownership itself never changes).
  const withShared: After<ActionResponse> = async (response) => {
    if (response.record?.params) response.record.params.shared = !response.record.params.ownerId;
    return response;
  };

  return {
    resource: new ScopedResource(WhatsAppCannedReply, visibleCannedRepliesPredicate),
    options: {
      id: RESOURCE_IDS.cannedReplies,
      navigation: WHATSAPP_NAVIGATION,
      sort: { sortBy: 'shortcut', direction: 'asc' },
      listProperties: ['shortcut', 'title', 'language', 'ownerId', 'updatedAt'],
      showProperties: ['shortcut', 'title', 'language', 'body', 'ownerId', 'updatedAt'],
      editProperties: ['shortcut', 'title', 'language', 'body', 'shared'],
      filterProperties: ['shortcut', 'title', 'language'],
      properties: {
        ...referenceProperties('ownerId'),
        body: { type: 'textarea' },
        language: { availableValues: LANGUAGES },
        shared: { type: 'boolean', isVisible: { list: false, show: false, filter: false, edit: true } },
      },
      actions: {
        list: { isAccessible: holdingSomewhere('inbox.reply') },
        search: { isAccessible: holdingSomewhere('inbox.reply') },
        show: { isAccessible: holdingSomewhere('inbox.reply') },
        new: { isAccessible: holdingSomewhere('inbox.reply'), handler: checked(ACTIONS.new.handler) },
        edit: { isAccessible: mayChange, handler: checked(ACTIONS.edit.handler), after: withShared },
        delete: { isAccessible: mayChange },
        bulkDelete: { isAccessible: false },
      },
    },
  };
}
