import { randomBytes } from 'node:crypto';
import { metaErrorAnswer, type MetaErrorSpec } from './meta-error-catalog.js';
import { parseSendRequest } from './parse-send-request.js';
import type { GraphRequestInfo, SandboxAnswer, SandboxContext } from './sandbox-context.js';
import type { SandboxEndpoint } from './sandbox-faults.js';
import { templateSendProblem, type SandboxTemplate } from './sandbox-template-store.js';
import { componentsProblem, templateDefinitionProblem } from './validate-template-definition.js';

export interface RouteTarget {
  endpoint: SandboxEndpoint;
  phoneNumberId: string | null;
  wabaId: string | null;
  /** The `to` of a send, digits only. */
  recipient: string | null;
}

/** Which Graph call a request is, from its method and path (and body, for read receipts). */
export function routeOf(method: string, segments: string[], json: unknown): RouteTarget {
  const [id, edge, extra] = segments;
  const none: RouteTarget = { endpoint: 'unknown', phoneNumberId: null, wabaId: null, recipient: null };
  if (!id || extra !== undefined) return none;
  // The Marketing Messages API takes the same body as /messages (marketing templates only).
  if ((edge === 'messages' || edge === 'marketing_messages') && method === 'POST') {
    const body = isRecord(json) ? json : {};
    const recipient = typeof body.to === 'string' ? body.to.replace(/^\+/, '') : null;
    return { endpoint: body.status !== undefined ? 'mark-read' : 'messages', phoneNumberId: id, wabaId: null, recipient };
  }
  if (edge === 'media' && method === 'POST') return { ...none, endpoint: 'media-upload', phoneNumberId: id };
  if (edge === 'message_templates') {
    const endpoint = method === 'GET' ? 'templates-list' : method === 'POST' ? 'template-create' : method === 'DELETE' ? 'template-delete' : 'unknown';
    return { ...none, endpoint, wabaId: id };
  }
  if (edge !== undefined) return none;
  if (method === 'GET') return { ...none, endpoint: 'media-info' };
  if (method === 'DELETE') return { ...none, endpoint: 'media-delete' };
  if (method === 'POST') return { ...none, endpoint: 'template-edit' };
  return none;
}

export async function answerGraph(ctx: SandboxContext, request: GraphRequestInfo, target: RouteTarget): Promise<SandboxAnswer> {
  const [id = ''] = request.segments;
  switch (target.endpoint) {
    case 'messages':
    case 'mark-read':
      return sendMessage(ctx, request, id);
    case 'media-upload':
      return uploadMedia(ctx, request, id);
    case 'media-info':
      return getObject(ctx, request, id);
    case 'media-delete':
      return ctx.media.delete(id) ? success() : unknownObject(request.method, id);
    case 'templates-list':
      return listTemplates(ctx, request, id);
    case 'template-create':
      return createTemplate(ctx, request, id);
    case 'template-edit':
      return editTemplate(ctx, request, id);
    case 'template-delete':
      return deleteTemplate(ctx, request, id);
    default:
      return unknownObject(request.method, request.segments.join('/'));
  }
}

export function metaError(spec: MetaErrorSpec): SandboxAnswer {
  const answer = metaErrorAnswer(spec);
  return { status: answer.httpStatus, json: answer.body };
}

function sendMessage(ctx: SandboxContext, request: GraphRequestInfo, phoneNumberId: string): SandboxAnswer {
  const number = numberOf(ctx, phoneNumberId);
  if (!number) return unknownObject('POST', phoneNumberId);
  const parsed = parseSendRequest(request.json);
  if ('error' in parsed) return metaError(parsed.error);
  const send = parsed.request;
  if (send.kind === 'read') return success();

  const missingMedia = send.mediaIds.find((mediaId) => !ctx.media.get(mediaId));
  if (missingMedia) return metaError({ code: 100, details: `Param id ${missingMedia} is not a valid uploaded media id.` });
  let template: SandboxTemplate | undefined;
  if (send.template) {
    template = ctx.templates.find(number.wabaId, send.template.name, send.template.languageCode);
    if (!template) {
      return metaError({ code: 132001, details: `template name (${send.template.name}) does not exist in ${send.template.languageCode}` });
    }
    const problem = templateSendProblem(template, send.template.components);
    if (problem) return metaError(problem);
    if (send.usernameOnly && template.category.toUpperCase() === 'AUTHENTICATION') return metaError({ code: 131062 });
  }
  if (!ctx.rates.admit(phoneNumberId)) return metaError({ code: 130429 });

  const wamid = newWamid(send.to);
  ctx.webhooks.messageAccepted(
    {
      wamid,
      phoneNumberId,
      displayPhoneNumber: number.displayPhoneNumber,
      wabaId: number.wabaId ?? phoneNumberId,
      recipient: send.to,
      usernameOnly: send.usernameOnly,
      callbackData: send.callbackData,
      templateCategory: template?.category ?? null,
    },
    request.asyncFailure ?? undefined,
  );
  const input = send.usernameOnly ? send.to : (request.json as { to: string }).to;
  return {
    status: 200,
    wamid,
    json: {
      messaging_product: 'whatsapp',
      // A BSUID send answers without a wa_id.
      contacts: [send.usernameOnly ? { input, user_id: send.to } : { input, wa_id: send.to }],
      messages: [{ id: wamid, ...(template ? { message_status: 'accepted' } : {}) }],
    },
  };
}

async function uploadMedia(ctx: SandboxContext, request: GraphRequestInfo, phoneNumberId: string): Promise<SandboxAnswer> {
  if (!numberOf(ctx, phoneNumberId)) return unknownObject('POST', phoneNumberId);
  const form = request.form;
  if (!form) return metaError({ code: 100, details: 'The upload must be multipart/form-data.' });
  if (form.get('messaging_product') !== 'whatsapp') return metaError({ code: 100, details: 'The parameter messaging_product is required.' });
  const file = form.get('file');
  if (!(file instanceof Blob)) return metaError({ code: 131008, details: 'Param file is required.' });
  const type = form.get('type');
  if (typeof type !== 'string' || type === '') return metaError({ code: 131008, details: 'Param type is required.' });
  const problem = ctx.media.uploadProblem(type, file.size);
  if (problem) return metaError(problem);
  const data = new Uint8Array(await file.arrayBuffer());
  const media = ctx.media.add({ data, mimeType: type, filename: file instanceof File ? file.name : null, phoneNumberId });
  return { status: 200, json: { id: media.id } };
}

function getObject(ctx: SandboxContext, request: GraphRequestInfo, id: string): SandboxAnswer {
  const media = ctx.media.get(id);
  if (media) {
    const owner = request.query.get('phone_number_id');
    if (owner && media.phoneNumberId && owner !== media.phoneNumberId) return unknownObject('GET', id);
    return {
      status: 200,
      json: {
        messaging_product: 'whatsapp',
        url: `${ctx.baseUrl()}/__media/${id}?mid=${id}&ext=${Date.now()}`,
        mime_type: media.mimeType,
        sha256: media.sha256,
        file_size: media.data.length,
        id,
      },
    };
  }
  const template = ctx.templates.byId(id);
  if (template) return { status: 200, json: templateFields(template, request.query.get('fields')) };
  return unknownObject('GET', id);
}

const DEFAULT_PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 1000;

function listTemplates(ctx: SandboxContext, request: GraphRequestInfo, wabaId: string): SandboxAnswer {
  if (!knownWaba(ctx, wabaId)) return unknownObject('GET', wabaId);
  const query = request.query;
  const limit = Math.min(MAX_PAGE_SIZE, Math.max(1, Number(query.get('limit')) || DEFAULT_PAGE_SIZE));
  const offset = decodeCursor(query.get('after'));
  if (offset === null) return metaError({ code: 100, details: 'Param after is not a valid cursor.' });
  const all = ctx.templates.list(wabaId, {
    name: query.get('name') ?? undefined,
    status: query.get('status') ?? undefined,
    language: query.get('language') ?? undefined,
    category: query.get('category') ?? undefined,
  });
  const page = all.slice(offset, offset + limit);
  const paging: Record<string, unknown> = {
    cursors: { before: encodeCursor(offset), after: encodeCursor(offset + page.length) },
  };
  if (offset + page.length < all.length) {
    const next = new URL(`${ctx.baseUrl()}${request.versionPrefix}/${wabaId}/message_templates`);
    for (const [name, value] of query) if (name !== 'after' && name !== 'access_token') next.searchParams.set(name, value);
    next.searchParams.set('limit', String(limit));
    next.searchParams.set('after', encodeCursor(offset + page.length));
    paging.next = next.toString();
  }
  return { status: 200, json: { data: page.map((t) => templateFields(t, query.get('fields'))), paging } };
}

function createTemplate(ctx: SandboxContext, request: GraphRequestInfo, wabaId: string): SandboxAnswer {
  if (!knownWaba(ctx, wabaId)) return unknownObject('POST', wabaId);
  if (!isRecord(request.json)) return metaError({ code: 100, details: 'The request body must be a JSON object.' });
  const definition = request.json;
  const problem = templateDefinitionProblem(definition);
  if (problem) return metaError(problem);
  const name = definition.name as string;
  const language = definition.language as string;
  if (ctx.templates.find(wabaId, name, language)) {
    return metaError({ code: 100, subcode: 2388024, details: `Content in ${language} already exists for the template ${name}.` });
  }
  if (ctx.templates.isNameBlocked(wabaId, name)) {
    return metaError({ code: 100, subcode: 2388023, details: `The template name ${name} was deleted less than 30 days ago and cannot be reused yet.` });
  }
  const template = ctx.templates.put(
    wabaId,
    {
      name,
      language,
      category: definition.category as string,
      parameter_format: definition.parameter_format === 'NAMED' ? 'NAMED' : 'POSITIONAL',
      components: definition.components as Record<string, unknown>[],
    },
    'PENDING',
  );
  ctx.review(template);
  return { status: 200, json: { id: template.id, status: template.status, category: template.category } };
}

const EDITABLE_STATUSES = new Set(['APPROVED', 'REJECTED', 'PAUSED']);

function editTemplate(ctx: SandboxContext, request: GraphRequestInfo, id: string): SandboxAnswer {
  const template = ctx.templates.byId(id);
  if (!template) return unknownObject('POST', id);
  if (!isRecord(request.json)) return metaError({ code: 100, details: 'The request body must be a JSON object.' });
  if (!EDITABLE_STATUSES.has(template.status)) {
    return metaError({ code: 100, details: `A template in status ${template.status} cannot be edited; only APPROVED, REJECTED or PAUSED ones can.` });
  }
  const changes = request.json;
  const category = changes.category ?? template.category;
  if (typeof category !== 'string' || !['MARKETING', 'UTILITY', 'AUTHENTICATION'].includes(category)) {
    return metaError({ code: 100, details: 'Param category must be one of {MARKETING, UTILITY, AUTHENTICATION}.' });
  }
  const format = changes.parameter_format ?? template.parameter_format;
  if (format !== 'POSITIONAL' && format !== 'NAMED') return metaError({ code: 100, details: 'Param parameter_format must be one of {POSITIONAL, NAMED}.' });
  if (changes.components !== undefined) {
    const problem = componentsProblem(changes.components, format, category);
    if (problem) return metaError(problem);
    template.components = structuredClone(changes.components as Record<string, unknown>[]);
  }
  template.category = category;
  template.parameter_format = format;
  template.status = 'PENDING';
  ctx.review(template);
  return success();
}

function deleteTemplate(ctx: SandboxContext, request: GraphRequestInfo, wabaId: string): SandboxAnswer {
  if (!knownWaba(ctx, wabaId)) return unknownObject('DELETE', wabaId);
  const name = request.query.get('name');
  if (!name) return metaError({ code: 100, details: 'Param name is required.' });
  const gone = ctx.templates.delete(wabaId, name, request.query.get('hsm_id') ?? undefined);
  if (gone.length === 0) return metaError({ code: 100, subcode: 2593002, details: `Message template ${name} not found.` });
  for (const template of gone) ctx.webhooks.templateStatusChanged(wabaId, template, 'DELETED', null);
  return success();
}

function templateFields(template: SandboxTemplate, fields: string | null): Record<string, unknown> {
  const { wabaId: _wabaId, ...listed } = template;
  if (!fields) return { ...listed };
  const wanted = new Set(fields.split(',').map((field) => field.trim()));
  wanted.add('id');
  return Object.fromEntries(Object.entries(listed).filter(([key]) => wanted.has(key)));
}

function numberOf(ctx: SandboxContext, phoneNumberId: string): { wabaId: string | null; displayPhoneNumber: string } | null {
  const number = ctx.numbers.get(phoneNumberId);
  if (number) return { wabaId: number.wabaId, displayPhoneNumber: number.displayPhoneNumber ?? phoneNumberId };
  // Told no numbers: any id is a number of its own, its templates looked up in every WABA.
  return ctx.numbers.size === 0 && /^\d+$/.test(phoneNumberId) ? { wabaId: null, displayPhoneNumber: phoneNumberId } : null;
}

function knownWaba(ctx: SandboxContext, wabaId: string): boolean {
  if (ctx.numbers.size === 0) return /^\d+$/.test(wabaId) || ctx.templates.hasWaba(wabaId);
  return [...ctx.numbers.values()].some((n) => n.wabaId === wabaId) || ctx.templates.hasWaba(wabaId);
}

/** Meta's answer for an id it does not know (or the token cannot see). */
export function unknownObject(method: string, id: string): SandboxAnswer {
  return metaError({
    code: 100,
    subcode: 33,
    title: 'Invalid parameter',
    details: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
  });
}

function success(): SandboxAnswer {
  return { status: 200, json: { success: true } };
}

function newWamid(recipient: string): string {
  return `wamid.${Buffer.from(`${recipient}:${randomBytes(12).toString('hex').toUpperCase()}`).toString('base64')}`;
}

function encodeCursor(offset: number): string {
  return Buffer.from(`offset:${offset}`).toString('base64url');
}

function decodeCursor(cursor: string | null): number | null {
  if (!cursor) return 0;
  const match = /^offset:(\d+)$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  return match ? Number(match[1]) : null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
