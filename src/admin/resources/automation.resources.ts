import { ValidationError, flat, type ActionRequest, type Before, type PropertyOptions, type RecordJSON, type ResourceWithOptions } from 'adminjs';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { autoReplyRuleProblems, automationSettingsProblems, slaPolicyProblems, type FieldProblems } from '../../automation/settings-problems.js';
import { slaPolicyLabelProblems } from '../../automation/sla-policy-label.js';
import { testAutoReplies, type AutoReplyTrial } from '../../automation/test-auto-replies.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { ASSIGNMENT_MODES } from '../../domain/automation-kinds.js';
import { WhatsAppAutoReplyRule } from '../../entities/whatsapp-auto-reply-rule.entity.js';
import { WhatsAppAutomationSettings } from '../../entities/whatsapp-automation-settings.entity.js';
import { WhatsAppSlaPolicy } from '../../entities/whatsapp-sla-policy.entity.js';
import { LANGUAGES } from '../../i18n/catalogue.js';
import { managedAutomationPredicate } from '../../permissions/managed-automation.js';
import { holds } from '../../permissions/permission-snapshot.js';
import { holding, holdingSomewhere } from '../access.js';
import type { WhatsAppComponents } from '../components.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { ScopedResource } from '../scoped-resource.js';
import { referenceProperties } from './references.js';

const values = (list: readonly (string | number)[]) => list.map((value) => ({ value: String(value), label: String(value) }));
const texts: Record<string, PropertyOptions> = Object.fromEntries(LANGUAGES.map((language) => [language, { type: 'textarea' }]));
const inForm = (path: string, options: PropertyOptions): Record<string, PropertyOptions> => ({
  [path]: options,
  ...Object.fromEntries(Object.entries(texts).map(([language, o]) => [`${path}.${language}`, o])),
});

/**
 * A form is refused with its problems by field, and its number must be one the admin manages
 * (every number, for a row without one, needs automation.manage everywhere). No side effect: it
 * only reads the payload.
 */
function validated(problemsOf: (form: Record<string, unknown>) => FieldProblems | Promise<FieldProblems>): Before {
  return async (request: ActionRequest, context) => {
    if (request.method !== 'post' || !request.payload) return request;
    const form = flat.unflatten(request.payload) as Record<string, unknown>;
    const accountId = typeof form.accountId === 'string' && form.accountId ? form.accountId : null;
    const problems: FieldProblems = { ...(await problemsOf(form)) };
    if (!holds(signedInAgent(context.currentAdmin), 'automation.manage', accountId)) problems.accountId = 'automation.problem.numberNotManaged';
    if (Object.keys(problems).length > 0) {
      throw new ValidationError(Object.fromEntries(Object.entries(problems).map(([field, message]) => [field, { message }])), { message: 'automation.problem.form', type: 'error' });
    }
    return request;
  };
}

function managed(validate: Before): ResourceWithOptions['options']['actions'] {
  return {
    list: { isAccessible: holdingSomewhere('automation.manage') },
    show: { isAccessible: holding('automation.manage') },
    search: { isAccessible: holdingSomewhere('automation.manage') },
    new: { isAccessible: holdingSomewhere('automation.manage'), before: validate },
    edit: { isAccessible: holding('automation.manage'), before: validate },
    delete: { isAccessible: holding('automation.manage') },
    bulkDelete: { isAccessible: holding('automation.manage') },
  };
}

/**
 * What managers set up for automation, per number: the settings (business hours, automatic
 * messages, assignment, survey), the keyword auto-reply rules (each testable on its page with a
 * sample message) and the SLA policies. Lists show the numbers where the admin holds
 * automation.manage.
 */
export function automationResources(context: PluginContext, components: WhatsAppComponents): ResourceWithOptions[] {
  const timeZones = values(Intl.supportedValuesOf('timeZone'));
  return [
    {
      resource: new ScopedResource(WhatsAppAutomationSettings, managedAutomationPredicate),
      options: {
        id: RESOURCE_IDS.automationSettings,
        listProperties: ['accountId', 'businessHoursEnabled', 'timeZone', 'greetingEnabled', 'awayEnabled', 'assignmentMode', 'surveyEnabled'],
        editProperties: [
          'accountId', 'businessHoursEnabled', 'timeZone', 'weeklyHours', 'holidays', 'hoursExceptions', 'defaultLanguage',
          'greetingEnabled', 'greetingTexts', 'awayEnabled', 'awayTexts', 'automaticMessageHours', 'automaticRepliesPerHour',
          'assignmentMode', 'assignmentCapacity', 'giveBackWhenOffline', 'surveyEnabled', 'surveyTemplateId',
        ],
        properties: {
          // The primary key, chosen once: the number these settings are of.
          accountId: { reference: RESOURCE_IDS.accounts, isRequired: true, isVisible: { list: true, show: true, edit: true, filter: true } },
          surveyTemplateId: { reference: RESOURCE_IDS.templates },
          timeZone: { availableValues: timeZones },
          defaultLanguage: { availableValues: values(LANGUAGES) },
          assignmentMode: { availableValues: values(ASSIGNMENT_MODES) },
          weeklyHours: { type: 'mixed', isArray: true },
          'weeklyHours.day': { availableValues: values([1, 2, 3, 4, 5, 6, 7]), isRequired: true },
          'weeklyHours.opens': { type: 'string', isRequired: true },
          'weeklyHours.closes': { type: 'string', isRequired: true },
          holidays: { type: 'mixed', isArray: true },
          'holidays.date': { type: 'date', isRequired: true },
          'holidays.name': { type: 'string' },
          'holidays.yearly': { type: 'boolean' },
          hoursExceptions: { type: 'mixed', isArray: true },
          'hoursExceptions.date': { type: 'date', isRequired: true },
          'hoursExceptions.opens': { type: 'string' },
          'hoursExceptions.closes': { type: 'string' },
          ...inForm('greetingTexts', { type: 'mixed' }),
          ...inForm('awayTexts', { type: 'mixed' }),
          lastAssignedAgentId: { reference: RESOURCE_IDS.agents, isVisible: false },
        },
        actions: managed(validated(automationSettingsProblems)),
      },
    },
    {
      resource: new ScopedResource(WhatsAppAutoReplyRule, managedAutomationPredicate),
      options: {
        id: RESOURCE_IDS.autoReplyRules,
        sort: { sortBy: 'position', direction: 'asc' },
        listProperties: ['position', 'name', 'accountId', 'keywords', 'language', 'enabled', 'stopAfter'],
        editProperties: ['name', 'accountId', 'position', 'enabled', 'keywords', 'pattern', 'language', 'replyText', 'templateId', 'stopAfter'],
        properties: {
          ...referenceProperties('accountId', 'templateId'),
          language: { availableValues: values(LANGUAGES) },
          replyText: { type: 'textarea' },
        },
        actions: {
          ...managed(validated(autoReplyRuleProblems)),
          test: {
            name: 'test',
            actionType: 'record',
            icon: 'PlayCircle',
            component: components.autoReplyTest,
            isAccessible: holding('automation.manage'),
            handler: async (request, _response, { record, currentAdmin }): Promise<AutoReplyTestAnswer> => {
              const json = record!.toJSON(currentAdmin);
              const text = typeof request.payload?.text === 'string' ? request.payload.text.slice(0, 4096) : '';
              if (request.method !== 'post' || !text.trim()) return { record: json };
              return { record: json, trial: await testAutoReplies(context.dataSource, (record!.params.accountId as string | null) || null, text) };
            },
          },
        },
      },
    },
    {
      resource: new ScopedResource(WhatsAppSlaPolicy, managedAutomationPredicate),
      options: {
        id: RESOURCE_IDS.slaPolicies,
        sort: { sortBy: 'position', direction: 'asc' },
        listProperties: ['position', 'name', 'accountId', 'labelId', 'firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes', 'enabled'],
        editProperties: ['name', 'accountId', 'labelId', 'position', 'enabled', 'firstResponseMinutes', 'nextResponseMinutes', 'resolutionMinutes', 'warningPercent'],
        // The label is picked among the managed labels and shown by its name.
        properties: referenceProperties('accountId', 'labelId'),
        actions: managed(
          validated(async (form) => ({ ...slaPolicyProblems(form), ...(await slaPolicyLabelProblems(context.dataSource, form)) })),
        ),
      },
    },
  ];
}

/** What a rule's `test` action answers: with a sample message posted, what it would get. */
export interface AutoReplyTestAnswer {
  record: RecordJSON;
  trial?: AutoReplyTrial;
}
