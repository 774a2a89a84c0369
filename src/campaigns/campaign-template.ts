import type { MessageContent, TemplateMessageComponent } from '../cloud-api/index.js';
import { prepared, queryOne, type Queryable } from '../db/sql.js';
import type { ParameterMapping } from '../domain/campaign-kinds.js';
import { buildTemplateSendComponents, templateParameterSlots, type TemplateParameterValue, type TemplateSendProblem } from '../domain/template-parameters.js';
import { templateBodyPreview } from '../domain/template-preview.js';

/** A template as campaigns send it. */
export interface CampaignTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category: string | null;
  components: unknown;
}

export async function loadCampaignTemplate(db: Queryable, accountId: string, templateId: string | null): Promise<CampaignTemplate | undefined> {
  if (!templateId) return undefined;
  return queryOne<CampaignTemplate>(
    db,
    prepared(`SELECT id, name, language, status, category, components FROM whatsapp_templates WHERE id = $1 AND account_id = $2`),
    [templateId, accountId],
  );
}

export function isMarketing(template: Pick<CampaignTemplate, 'category'>): boolean {
  return template.category?.toUpperCase() === 'MARKETING';
}

/** The template's slots that no mapping fills (quick-reply payloads are optional and may stay unmapped). */
export function unmappedSlots(template: Pick<CampaignTemplate, 'components'>, mappings: Readonly<Record<string, ParameterMapping>>): string[] {
  return templateParameterSlots(template)
    .filter((slot) => slot.required && !mappings[slot.key])
    .map((slot) => slot.key);
}

export type TemplateMessage =
  | { ok: true; content: MessageContent; body: string | null }
  | { ok: false; problems: TemplateSendProblem[] };

/** The send request and the text agents see, for one recipient's values. */
export function templateMessage(template: CampaignTemplate, texts: Readonly<Record<string, string>>): TemplateMessage {
  const values = valuesOf(template, texts);
  const built = buildTemplateSendComponents(template, values);
  if (!built.ok) return { ok: false, problems: built.problems };
  return {
    ok: true,
    content: {
      type: 'template',
      template: {
        name: template.name,
        language: { code: template.language },
        ...(built.components.length > 0 ? { components: built.components as TemplateMessageComponent[] } : {}),
      },
    },
    body: templateBodyPreview(template.components, values),
  };
}

/**
 * A mapping gives text; a media header takes it as the file's link (a CSV column of image URLs),
 * a quick-reply button as its payload, a copy-code button as the code.
 */
function valuesOf(template: CampaignTemplate, texts: Readonly<Record<string, string>>): Record<string, TemplateParameterValue> {
  const kinds = new Map(templateParameterSlots(template).map((slot) => [slot.key, slot.kind]));
  return Object.fromEntries(
    Object.entries(texts).map(([key, text]): [string, TemplateParameterValue] => {
      const kind = kinds.get(key);
      if (kind === 'image' || kind === 'video' || kind === 'document') return [key, { kind, link: text }];
      if (kind === 'payload') return [key, { kind, payload: text }];
      if (kind === 'coupon_code') return [key, { kind, couponCode: text }];
      return [key, text];
    }),
  );
}
