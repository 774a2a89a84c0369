import type { TemplateDefinition } from '../cloud-api/index.js';

/**
 * The create body Meta receives for a validated draft: only Meta's fields, so whatever else
 * the caller's object carries never reaches Meta.
 */
export function templateDefinition(draft: TemplateDefinition): TemplateDefinition {
  return {
    name: draft.name,
    language: draft.language,
    category: draft.category,
    ...(draft.parameter_format ? { parameter_format: draft.parameter_format } : {}),
    components: draft.components,
    ...(draft.allow_category_change === true ? { allow_category_change: true } : {}),
  };
}
