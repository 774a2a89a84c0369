import { z } from 'zod';
import { CampaignRefusal } from './campaign-refusal.js';
import type { BroadcastDraft } from './save-broadcast.js';

/** Where a template parameter's value comes from (broadcasts and sequences' template steps). */
export const parameterMappingSchema = z.discriminatedUnion('source', [
  z.object({ source: z.literal('text'), text: z.string().max(1024) }),
  z.object({ source: z.literal('contact'), field: z.string().max(140) }),
  z.object({ source: z.literal('column'), column: z.string().max(200) }),
]);

const audience = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('labels'), labels: z.array(z.string().max(100)).max(50), match: z.enum(['any', 'all']) }),
  z.object({ kind: z.literal('attributes'), conditions: z.array(z.object({ key: z.string().max(100), value: z.string().max(200) })).max(20) }),
  z.object({ kind: z.literal('crm'), audience: z.string().max(100) }),
  z.object({ kind: z.literal('none') }),
]);

/** The broadcast editor's JSON (one form field, `broadcast`): a CSV audience is uploaded on its own. */
const broadcastFormSchema = z.object({
  accountId: z.string(),
  name: z.string().max(200),
  templateId: z.string().nullable(),
  audience: audience.nullable(),
  parameters: z.record(z.string().max(100), parameterMappingSchema),
  messagesPerSecond: z.number().positive().nullable(),
  useMarketingApi: z.boolean(),
  /** ISO 8601, with its offset (the browser's zone). */
  scheduledAt: z.string().datetime({ offset: true }).nullable(),
});

export type BroadcastForm = z.infer<typeof broadcastFormSchema>;

/** The draft the editor sent, or a refusal; a schedule in the past is refused (`now` from the plugin's clock). */
export function broadcastDraftFromForm(json: string, now: Date): BroadcastDraft {
  let parsed: BroadcastForm;
  try {
    parsed = broadcastFormSchema.parse(JSON.parse(json));
  } catch {
    throw CampaignRefusal.of('audience-required');
  }
  const scheduledAt = parsed.scheduledAt ? new Date(parsed.scheduledAt) : null;
  if (scheduledAt && scheduledAt.getTime() <= now.getTime()) throw CampaignRefusal.of('invalid-schedule');
  return { ...parsed, scheduledAt };
}
