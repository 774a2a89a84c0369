import { templateVariables } from './template-variables.js';
import type { TemplateParameterValue } from './template-parameters.js';

/**
 * The template's body as the customer reads it, for the conversation view: each `{{…}}`
 * replaced by the value the agent gave (a currency or date by its fallback text). Header,
 * footer and buttons stay out: the body is what the message says.
 */
export function templateBodyPreview(components: unknown, values: Readonly<Record<string, TemplateParameterValue>>): string | null {
  if (!Array.isArray(components)) return null;
  const body = components.find((component: unknown) => (component as { type?: unknown } | null)?.type === 'BODY') as { text?: unknown } | undefined;
  if (typeof body?.text !== 'string') return null;
  let preview = '';
  let from = 0;
  for (const variable of templateVariables(body.text)) {
    preview += body.text.slice(from, variable.start) + (shownValue(values[`body:${variable.name}`]) ?? variable.raw);
    from = variable.end;
  }
  return preview + body.text.slice(from);
}

function shownValue(value: TemplateParameterValue | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return value;
  switch (value.kind) {
    case 'text':
      return value.text;
    case 'currency':
    case 'date_time':
      return value.fallbackValue;
    default:
      return undefined;
  }
}
