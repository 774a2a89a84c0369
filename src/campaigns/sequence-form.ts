import { z } from 'zod';
import { SEQUENCE_STATUSES } from '../domain/campaign-kinds.js';
import { CampaignRefusal } from './campaign-refusal.js';
import { parameterMappingSchema } from './broadcast-form.js';
import type { SequenceDefinition } from './save-sequence.js';

const stepId = z.string().min(1).max(40);
const target = stepId.nullable().optional();

const step = z.discriminatedUnion('kind', [
  z.object({ id: stepId, kind: z.literal('template'), templateId: z.string(), parameters: z.record(z.string().max(100), parameterMappingSchema) }),
  z.object({ id: stepId, kind: z.literal('wait'), amount: z.number(), unit: z.enum(['hours', 'days']), atTime: z.string().max(5).nullable().optional() }),
  z.object({ id: stepId, kind: z.literal('wait_business_hours') }),
  z.object({
    id: stepId,
    kind: z.literal('branch'),
    condition: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('replied') }),
      z.object({ kind: z.literal('label'), label: z.string().max(100) }),
      z.object({ kind: z.literal('crm_field'), field: z.string().max(140), value: z.string().max(200) }),
    ]),
    thenStepId: target,
    elseStepId: target,
  }),
  z.object({ id: stepId, kind: z.literal('text'), text: z.string().max(4096) }),
]);

const trigger = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('lead_created') }),
  z.object({ kind: z.literal('keyword'), keywords: z.array(z.string().max(60)).max(20) }),
  z.object({ kind: z.literal('label_added'), label: z.string().max(100) }),
  z.object({ kind: z.literal('api') }),
]);

/** The sequence editor's JSON (one form field, `sequence`). */
const sequenceFormSchema = z.object({
  accountId: z.string(),
  name: z.string().max(200),
  status: z.enum(SEQUENCE_STATUSES),
  steps: z.array(step).max(100),
  triggers: z.array(trigger).max(20),
  exitOnReply: z.boolean(),
  exitOnResolve: z.boolean(),
});

/** The definition the editor sent, or a refusal (saveSequence then checks what the steps mean). */
export function sequenceDefinitionFromForm(json: string): SequenceDefinition {
  try {
    return sequenceFormSchema.parse(JSON.parse(json));
  } catch {
    throw CampaignRefusal.of('sequence-problems', { problems: 'campaigns.sequence.problem.stepKind' });
  }
}
