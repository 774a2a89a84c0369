import {
  ValidationError,
  flat,
  type ActionContext,
  type ActionRequest,
  type NoticeMessage,
  type RecordActionResponse,
  type RecordError,
  type RecordJSON,
  type ResourceWithOptions,
} from 'adminjs';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { GraphApiError } from '../../cloud-api/index.js';
import { PARAMETER_FORMATS, TEMPLATE_CATEGORIES, type TemplateProblem } from '../../domain/template-rules.js';
import { WhatsAppTemplate } from '../../entities/whatsapp-template.entity.js';
import { createTemplate } from '../../templates/create-template.js';
import { deleteTemplate } from '../../templates/delete-template.js';
import { editTemplate } from '../../templates/edit-template.js';
import type { TemplateSubmission } from '../../templates/submit-template.js';
import { syncTemplates, type TemplateSyncReport } from '../../templates/sync-templates.js';
import { TemplateAccountError } from '../../templates/template-account.js';
import type { TemplateContext } from '../../templates/template-context.js';
import { problemsByField, templateDraftFromForm, templateFormFromTemplate, type TemplateFormValues } from '../../templates/template-form.js';
import { graphFailureReason } from '../../templates/graph-failure.js';
import type { InboxActor } from '../../permissions/permission-snapshot.js';
import { visibleTemplatesPredicate } from '../../permissions/visible-templates.js';
import { holding } from '../access.js';
import { managedTemplateAccounts, type TemplateAccountChoice } from '../../templates/managed-template-accounts.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { actorOf } from './conversation-workflow-actions.js';
import { ScopedResource } from '../scoped-resource.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { referenceProperties } from './references.js';

const RESOURCE_ID = RESOURCE_IDS.templates;

/** The React components the resource uses (registered on the host's ComponentLoader). */
export interface TemplateResourceComponents {
  templateForm: string;
  templateComponents: string;
  templateSync: string;
}

// Meta's statuses (a template webhook's event becomes the status), and DRAFT: stored, not taken by Meta (yet).
const STATUSES = [
  'DRAFT', 'PENDING', 'APPROVED', 'REJECTED', 'PAUSED', 'DISABLED', 'FLAGGED', 'IN_APPEAL', 'REINSTATED',
  'PENDING_DELETION', 'DELETED', 'LIMIT_EXCEEDED', 'ARCHIVED', 'UNARCHIVED', 'LOCKED',
];
const values = (list: readonly string[]) => list.map((value) => ({ value, label: value }));
const readOnlyProperty = { isVisible: { list: false, filter: false, show: true, edit: false } };

/** A field's problem as AdminJS carries it: the i18n key as `message`, and the values its text needs. */
export interface TemplateFieldError extends RecordError {
  params: Record<string, string | number>;
}

/** The GET of the new-template form and of the sync page. */
export type TemplateAccountsPage = { accounts: TemplateAccountChoice[] };

/**
 * A POST of the form: the template and where to go. Refused by the rules, AdminJS answers instead
 * the form's values with `fieldErrors` (a TemplateFieldError per field).
 */
export type TemplateFormAnswer = {
  record?: Omit<RecordJSON, 'errors'> & { errors: Record<string, RecordError & Partial<TemplateFieldError>> };
  redirectUrl?: string;
  notice?: NoticeMessage;
};

/** The sync's POST: what changed, or why nothing could be read from Meta. */
export type TemplateSyncAnswer = { report?: TemplateSyncReport; notice: NoticeMessage };

/**
 * `whatsapp_templates`: every signed-in admin lists and reads them; managers create, edit and
 * delete them (through Meta: nothing is stored as approved that Meta did not approve) and sync
 * a number's templates from Meta. The form is one component; the server checks everything
 * again and points each problem at its field. State changes only on POST.
 */
export function templatesResource(context: TemplateContext, components: TemplateResourceComponents): ResourceWithOptions {
  // Only the numbers whose templates this admin manages.
  const accountChoices = (action: ActionContext) => managedTemplateAccounts(context.dataSource, signedInAgent(action.currentAdmin));

  const newTemplate = async (request: ActionRequest, _response: unknown, action: ActionContext): Promise<TemplateAccountsPage | TemplateFormAnswer> => {
    if (request.method !== 'post') return { accounts: await accountChoices(action) };
    const form = formValues(request.payload);
    const { draft, fieldOf } = templateDraftFromForm(form);
    const result = await createTemplate(context, { accountId: String(form.accountId ?? ''), draft, actor: actor(action) });
    return submissionResponse(result, fieldOf, action, form);
  };

  const editExisting = async (request: ActionRequest, _response: unknown, action: ActionContext): Promise<RecordActionResponse> => {
    const record = action.record!;
    if (request.method !== 'post') {
      const json = record.toJSON(action.currentAdmin);
      const stored = {
        name: String(record.params.name),
        language: String(record.params.language),
        category: (record.params.category as string | null) ?? null,
        parameterFormat: String(record.params.parameterFormat ?? 'POSITIONAL'),
        components: flat.get(record.params, 'components') ?? [],
      };
      return { record: { ...json, params: { ...json.params, ...templateFormFromTemplate(stored) } } };
    }
    const form = formValues(request.payload);
    const { draft, fieldOf } = templateDraftFromForm(form, { name: String(record.params.name), language: String(record.params.language) });
    const result = await editTemplate(context, { templateId: String(record.id()), draft, actor: actor(action) });
    return submissionResponse(result, fieldOf, action, form) as Promise<RecordActionResponse>;
  };

  const deleteExisting = async (request: ActionRequest, _response: unknown, action: ActionContext): Promise<RecordActionResponse> => {
    const record = action.record!;
    const json = record.toJSON(action.currentAdmin);
    if (request.method !== 'post') return { record: json };
    const result = await deleteTemplate(context, { templateId: String(record.id()), actor: actor(action) });
    const list = action.h.resourceUrl({ resourceId: resourceId(action) });
    switch (result.status) {
      case 'deleted':
        return { record: await recordJson(action, result.template.id), redirectUrl: list, notice: notice('templates.deletedAtMeta', 'success') };
      case 'removed':
        return { record: json, redirectUrl: list, notice: notice('templates.removed', 'success') };
      case 'invalid':
        return { record: json, notice: notice(result.problems[0]!.key, 'error') };
      default:
        return {
          record: await recordJson(action, result.template.id),
          notice: notice('templates.deleteFailed', 'error', { reason: graphFailureReason(result.error) }),
        };
    }
  };

  const syncFromMeta = async (request: ActionRequest, _response: unknown, action: ActionContext): Promise<TemplateAccountsPage | TemplateSyncAnswer> => {
    if (request.method !== 'post') return { accounts: await accountChoices(action) };
    const accountId = String(formValues(request.payload).accountId ?? '');
    try {
      const report = await syncTemplates(context, accountId, actor(action));
      context.logger.info('template sync asked in the back office', { accountId, actorId: actor(action).id });
      return { report, notice: notice('templates.synced', 'success', { ...report }) };
    } catch (error) {
      if (error instanceof TemplateAccountError) return { notice: notice(error.key, 'error') };
      if (error instanceof GraphApiError) {
        return { notice: notice('templates.syncFailed', 'error', { reason: graphFailureReason(error) }) };
      }
      throw error;
    }
  };

  return {
    resource: new ScopedResource(WhatsAppTemplate, visibleTemplatesPredicate),
    options: {
      id: RESOURCE_ID,
      navigation: WHATSAPP_NAVIGATION,
      sort: { sortBy: 'updatedAt', direction: 'desc' },
      listProperties: ['name', 'language', 'category', 'status', 'quality', 'accountId', 'lastSyncedAt'],
      filterProperties: ['accountId', 'status', 'language', 'category', 'quality', 'name'],
      showProperties: [
        'name', 'language', 'accountId', 'category', 'status', 'quality', 'parameterFormat', 'components',
        'rejectionReason', 'problemMessage', 'problemCode', 'problemAt', 'metaId', 'lastSyncedAt', 'createdAt', 'updatedAt',
      ],
      properties: {
        ...referenceProperties('accountId'),
        status: { availableValues: values(STATUSES) },
        category: { availableValues: values(TEMPLATE_CATEGORIES) },
        quality: { availableValues: values(['GREEN', 'YELLOW', 'RED', 'UNKNOWN']) },
        parameterFormat: { availableValues: values(PARAMETER_FORMATS) },
        components: { type: 'mixed', ...readOnlyProperty, components: { show: components.templateComponents } },
        rejectionReason: { type: 'textarea', ...readOnlyProperty },
        problemMessage: { type: 'textarea', ...readOnlyProperty },
        problemExplanationKey: { isVisible: false },
      },
      actions: {
        // Agents read templates (to send them); changing them is granted per number.
        list: { isAccessible: holding('inbox.view') },
        show: { isAccessible: holding('inbox.view') },
        search: { isAccessible: holding('inbox.view') },
        new: { isAccessible: holding('templates.manage'), component: components.templateForm, handler: newTemplate },
        edit: {
          isAccessible: holding('templates.manage'),
          isVisible: ({ record }) => record?.params.status !== 'DELETED',
          component: components.templateForm,
          handler: editExisting,
        },
        delete: { isAccessible: holding('templates.manage'), handler: deleteExisting },
        bulkDelete: { isAccessible: false },
        syncFromMeta: {
          actionType: 'resource',
          icon: 'RefreshCw',
          component: components.templateSync,
          isAccessible: holding('templates.manage'),
          handler: syncFromMeta,
        },
      },
    },
  };
}

/** AdminJS looks a notice's text up among its resource's messages first, then the shared ones (locales/<lang>/templates.json). */
function notice(message: string, type: 'success' | 'error', options?: NoticeMessage['options']): NoticeMessage {
  return { message, type, resourceId: RESOURCE_ID, ...(options ? { options } : {}) };
}

/** The resource's id as the URLs know it (the options' id, not the entity's name). */
function resourceId(action: ActionContext): string {
  return action.resource._decorated?.id() ?? action.resource.id();
}

/** The signed-in agent with the permissions loaded for this request: the use cases check the number against them. */
function actor(action: ActionContext): InboxActor {
  return actorOf(action.currentAdmin);
}

/** AdminJS posts flat keys; a JSON body may nest them. */
function formValues(payload: Record<string, unknown> | undefined): TemplateFormValues {
  return flat.flatten(payload ?? {});
}

async function recordJson(action: ActionContext, templateId: string) {
  const record = await action.resource.findOne(templateId, action);
  return (record ?? action.record!).toJSON(action.currentAdmin);
}

async function submissionResponse(
  result: TemplateSubmission,
  fieldOf: (path: string) => string,
  action: ActionContext,
  form: TemplateFormValues,
): Promise<TemplateFormAnswer> {
  if (result.status === 'invalid') {
    // The form's own values come back with the problems, so the admin corrects rather than retypes.
    action.record = action.resource.build({ ...(action.record?.params ?? {}), ...form });
    throw new ValidationError(fieldErrors(result.problems, fieldOf), { message: 'templates.hasProblems', type: 'templateRules' });
  }
  const record = await recordJson(action, result.template.id);
  const redirectUrl = action.h.recordActionUrl({ resourceId: resourceId(action), recordId: result.template.id, actionName: 'show' });
  return { record, redirectUrl, notice: submissionNotice(result) };
}

function submissionNotice(result: Exclude<TemplateSubmission, { status: 'invalid' }>): NoticeMessage {
  switch (result.status) {
    case 'submitted':
      return notice('templates.submitted', 'success');
    case 'refused':
      return notice('templates.refusedByMeta', 'error', { reason: graphFailureReason(result.error) });
    case 'unanswered':
      return notice(result.error.outcome === 'not-sent' ? 'templates.notSent' : 'templates.outcomeUnknown', 'error');
  }
}

function fieldErrors(problems: readonly TemplateProblem[], fieldOf: (path: string) => string): Record<string, TemplateFieldError> {
  const byField = problemsByField(problems, fieldOf);
  return Object.fromEntries(
    Object.entries(byField).map(([field, problem]) => [field, { message: problem.key, type: 'templateRules', params: problem.params }]),
  );
}
