import type { ParameterFormat, TemplateCategory, TemplateDraft, TemplateDraftComponent } from '../domain/template-rules.js';

/**
 * Message templates as the WhatsApp Business Account endpoints describe them (reference §5),
 * in Meta's field names. The create body is the draft `validateTemplateDraft` checks.
 */

/** What `POST /{waba-id}/message_templates` takes. */
export type TemplateDefinition = TemplateDraft & {
  /** Let Meta recategorise instead of rejecting a template it finds in the wrong category. */
  allow_category_change?: boolean;
};

/** What `POST /{template-id}` may change. */
export interface TemplateChanges {
  category?: TemplateCategory;
  components?: TemplateDraftComponent[];
  parameter_format?: ParameterFormat;
}

/** A template as listed by Meta. Fields not asked for in `fields` are absent. */
export interface GraphMessageTemplate {
  id: string;
  name: string;
  language: string;
  status: string;
  category?: string;
  components?: TemplateDraftComponent[];
  parameter_format?: ParameterFormat;
  quality_score?: { score: string; date?: number };
  rejected_reason?: string;
  previous_category?: string;
}

export interface CreatedTemplate {
  id: string;
  status: string;
  category: string;
}
