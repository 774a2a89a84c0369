import type { ActionContext, ActionRequest, RecordJSON, ResourceWithOptions } from 'adminjs';
import { signedInAgent } from '../../agents/signed-in-agent.js';
import { exitEnrollment } from '../../campaigns/exit-enrollments.js';
import { loadEnrollmentTimeline, type EnrollmentTimeline } from '../../campaigns/read/enrollment-timeline-view.js';
import type { PluginContext } from '../../context/plugin-context.js';
import { ENROLLMENT_EXIT_REASONS, ENROLLMENT_SOURCES, ENROLLMENT_STATUSES } from '../../domain/campaign-kinds.js';
import { WhatsAppSequenceEnrollment } from '../../entities/whatsapp-sequence-enrollment.entity.js';
import { visibleCampaignsPredicate } from '../../permissions/visible-campaigns.js';
import { holding } from '../access.js';
import { refusalNotice } from '../refusal-notice.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { ScopedResource } from '../scoped-resource.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { referenceProperties } from './references.js';

/** The React components the resource uses. */
export interface EnrollmentComponents {
  enrollmentTimeline: string;
  confirmAction: string;
}

/** The show page: the enrollment and its timeline. */
export interface EnrollmentTimelineAnswer {
  record: RecordJSON;
  timeline?: EnrollmentTimeline;
}

const ID = RESOURCE_IDS.enrollments;
const values = (list: readonly string[]) => ({ availableValues: list.map((value) => ({ value, label: value })) });

/**
 * `whatsapp_sequence_enrollments`: who goes through which sequence, where they are, and each
 * one's timeline (enrolled, sent, skipped and why, waiting until, branched, ended). Read-only but
 * for the exit by hand; seen by managers with `campaigns.manage` on the sequence's number.
 */
export function enrollmentsResource(context: PluginContext, components: EnrollmentComponents): ResourceWithOptions {
  return {
    resource: new ScopedResource(WhatsAppSequenceEnrollment, (agent, alias) =>
      visibleCampaignsPredicate(agent, `(SELECT s.account_id FROM whatsapp_sequences s WHERE s.id = ${alias}.sequence_id)`),
    ),
    options: {
      id: ID,
      navigation: WHATSAPP_NAVIGATION,
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['contactId', 'sequenceId', 'status', 'source', 'nextRunAt', 'exitReason', 'createdAt'],
      filterProperties: ['sequenceId', 'contactId', 'status', 'source', 'exitReason', 'createdAt'],
      properties: {
        ...referenceProperties('contactId', 'sequenceId', 'enrolledById'),
        status: values(ENROLLMENT_STATUSES),
        source: values(ENROLLMENT_SOURCES),
        exitReason: values(ENROLLMENT_EXIT_REASONS),
        currentStepId: { isVisible: false },
      },
      actions: {
        list: { isAccessible: holding('campaigns.manage') },
        search: { isAccessible: holding('campaigns.manage') },
        show: {
          isAccessible: holding('campaigns.manage'),
          component: components.enrollmentTimeline,
          handler: async (_request: ActionRequest, _response: unknown, action: ActionContext): Promise<EnrollmentTimelineAnswer> => {
            const record = action.record!;
            return { record: record.toJSON(action.currentAdmin), timeline: await loadEnrollmentTimeline(context.dataSource, String(record.id())) };
          },
        },
        new: { isAccessible: false },
        edit: { isAccessible: false },
        delete: { isAccessible: false },
        bulkDelete: { isAccessible: false },
        exit: {
          actionType: 'record',
          icon: 'LogOut',
          component: components.confirmAction,
          isAccessible: holding('campaigns.manage'),
          isVisible: ({ record }) => record?.params.status === 'active',
          handler: async (request: ActionRequest, _response: unknown, action: ActionContext) => {
            const record = action.record!;
            if (request.method !== 'post') return { record: record.toJSON(action.currentAdmin) };
            try {
              await exitEnrollment(context, signedInAgent(action.currentAdmin), String(record.id()));
            } catch (error) {
              return { record: record.toJSON(action.currentAdmin), notice: refusalNotice(error) };
            }
            const fresh = await action.resource.findOne(String(record.id()), action);
            return { record: (fresh ?? record).toJSON(action.currentAdmin), notice: { message: 'campaigns.enrollment.exited', type: 'success' as const, resourceId: ID } };
          },
        },
      },
    },
  };
}
