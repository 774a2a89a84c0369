import { graphJson, unexpectedAnswer, type GraphCall, type GraphTransportSettings } from './graph-transport.js';
import type { CreatedTemplate, GraphMessageTemplate, TemplateChanges, TemplateDefinition } from './message-template.js';
import { assertSuccess } from './messages-api.js';

export interface WabaCall extends GraphCall {
  wabaId: string;
}

export const DEFAULT_TEMPLATE_FIELDS = [
  'name',
  'status',
  'category',
  'language',
  'components',
  'parameter_format',
  'quality_score',
  'rejected_reason',
] as const;

export interface ListTemplatesOptions {
  fields?: readonly string[];
  /** Templates per page. */
  limit?: number;
  /** Meta's filters, e.g. `{ status: 'APPROVED' }`. */
  filters?: { name?: string; status?: string; language?: string; category?: string };
  /** A guard against a paging loop; a WABA has at most a few thousand templates. */
  maxPages?: number;
}

const DEFAULT_PAGE_SIZE = 100;
const DEFAULT_MAX_PAGES = 500;

/**
 * Every template of the WABA, following `paging.next` to the end. Cursors are used only
 * within this call, never stored: Meta's expire and a sync always starts from the top.
 */
export async function listTemplates(
  settings: GraphTransportSettings,
  call: WabaCall,
  options: ListTemplatesOptions = {},
): Promise<GraphMessageTemplate[]> {
  const operation = 'GET /{waba-id}/message_templates';
  const templates: GraphMessageTemplate[] = [];
  let path = `/${encodeURIComponent(call.wabaId)}/message_templates`;
  let query: Record<string, string | number | undefined> | undefined = {
    fields: (options.fields ?? DEFAULT_TEMPLATE_FIELDS).join(','),
    limit: options.limit ?? DEFAULT_PAGE_SIZE,
    ...options.filters,
  };
  for (let page = 0; page < (options.maxPages ?? DEFAULT_MAX_PAGES); page += 1) {
    const answer = (await graphJson(settings, { ...call, method: 'GET', path, query, operation })) as {
      data?: unknown;
      paging?: { next?: unknown };
    } | null;
    if (!Array.isArray(answer?.data)) throw unexpectedAnswer(operation, 'data array');
    templates.push(...(answer.data as GraphMessageTemplate[]));
    const next = answer.paging?.next;
    if (typeof next !== 'string' || next === '' || answer.data.length === 0) return templates;
    // `next` carries every parameter (and is checked to stay on the Graph API's origin).
    path = next;
    query = undefined;
  }
  throw unexpectedAnswer(operation, `end after ${options.maxPages ?? DEFAULT_MAX_PAGES} pages`);
}

/** Submits a template for review: it starts `PENDING` and a template webhook says how it ends. */
export async function createTemplate(settings: GraphTransportSettings, call: WabaCall, template: TemplateDefinition): Promise<CreatedTemplate> {
  const operation = 'POST /{waba-id}/message_templates';
  const answer = (await graphJson(settings, {
    ...call,
    method: 'POST',
    path: `/${encodeURIComponent(call.wabaId)}/message_templates`,
    operation,
    json: template,
  })) as { id?: unknown; status?: unknown; category?: unknown } | null;
  if (typeof answer?.id !== 'string' || answer.id === '') throw unexpectedAnswer(operation, 'template id');
  return {
    id: answer.id,
    status: typeof answer.status === 'string' ? answer.status : 'PENDING',
    category: typeof answer.category === 'string' ? answer.category : template.category,
  };
}

/** `POST /{template-id}`: an edited template goes back through review. */
export async function editTemplate(settings: GraphTransportSettings, call: GraphCall, templateId: string, changes: TemplateChanges): Promise<void> {
  const operation = 'POST /{template-id}';
  const answer = await graphJson(settings, { ...call, method: 'POST', path: `/${encodeURIComponent(templateId)}`, operation, json: changes });
  assertSuccess(answer, operation);
}

/**
 * By name alone every language of the template goes; with `hsmId` (the template id) only that
 * one. Meta blocks a deleted approved name for 30 days.
 */
export async function deleteTemplate(settings: GraphTransportSettings, call: WabaCall, target: { name: string; hsmId?: string }): Promise<void> {
  const operation = 'DELETE /{waba-id}/message_templates';
  const answer = await graphJson(settings, {
    ...call,
    method: 'DELETE',
    path: `/${encodeURIComponent(call.wabaId)}/message_templates`,
    operation,
    query: { name: target.name, hsm_id: target.hsmId },
  });
  assertSuccess(answer, operation);
}
