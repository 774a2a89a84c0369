import type { MetaErrorSpec } from './meta-error-catalog.js';

export interface TemplateSendRequest {
  name: string;
  languageCode: string;
  components: Record<string, unknown>[];
}

export type SendRequest =
  | { kind: 'read'; messageId: string; typingIndicator: boolean }
  | {
      kind: 'message';
      /** The phone digits, or the BSUID when `usernameOnly`. */
      to: string;
      usernameOnly: boolean;
      type: string;
      replyTo: string | null;
      callbackData: string | null;
      template: TemplateSendRequest | null;
      /** Uploaded media ids the message refers to: they must exist. */
      mediaIds: string[];
    };

const MESSAGE_TYPES = ['text', 'image', 'video', 'audio', 'document', 'sticker', 'reaction', 'location', 'contacts', 'interactive', 'template'];
const MEDIA_TYPES = new Set(['image', 'video', 'audio', 'document', 'sticker']);
const CAPTIONED = new Set(['image', 'video', 'document']);

class Refusal extends Error {
  constructor(readonly spec: MetaErrorSpec) {
    super(spec.details);
  }
}

const invalid = (details: string) => new Refusal({ code: 100, details });
const missing = (details: string) => new Refusal({ code: 131008, details });
const notValid = (details: string) => new Refusal({ code: 131009, details });

/**
 * Checks a `POST /{phone-number-id}/messages` body the way Meta does, first failure wins,
 * with the code Meta uses for it: 100 for a malformed request, 131008 for a missing required
 * field, 131009 for a value out of Meta's limits.
 */
export function parseSendRequest(body: unknown): { request: SendRequest } | { error: MetaErrorSpec } {
  try {
    return { request: parse(body) };
  } catch (error) {
    if (error instanceof Refusal) return { error: error.spec };
    throw error;
  }
}

function parse(body: unknown): SendRequest {
  if (!isRecord(body)) throw invalid('The request body must be a JSON object.');
  if (body.messaging_product !== 'whatsapp') throw invalid('The parameter messaging_product is required and must be "whatsapp".');
  if (body.status !== undefined) {
    if (body.status !== 'read') throw invalid('Param status must be "read".');
    const messageId = requiredString(body, 'message_id', 'message_id');
    const indicator = body.typing_indicator;
    if (indicator !== undefined && (!isRecord(indicator) || indicator.type !== 'text')) throw invalid('Param typing_indicator[\'type\'] must be "text".');
    return { kind: 'read', messageId, typingIndicator: indicator !== undefined };
  }
  if (body.recipient_type !== undefined && body.recipient_type !== 'individual') throw invalid('Param recipient_type must be "individual".');
  // A username-only customer is addressed by BSUID in `recipient`; a BSUID in `to` is not a phone number.
  const usernameOnly = body.to === undefined && body.recipient !== undefined;
  const to = usernameOnly ? requiredString(body, 'recipient', 'recipient') : requiredString(body, 'to', 'to');
  if (usernameOnly && !/^[A-Z]{2}\.[A-Za-z0-9.]{1,140}$/.test(to)) throw invalid(`Param recipient must be a business-scoped user id, got ${JSON.stringify(to)}.`);
  if (!usernameOnly && !/^\+?\d{5,15}$/.test(to)) throw invalid(`Param to must be a phone number in international format, got ${JSON.stringify(to)}.`);
  const type = body.type === undefined ? 'text' : body.type;
  if (typeof type !== 'string' || !MESSAGE_TYPES.includes(type)) throw invalid(`Param type must be one of {${MESSAGE_TYPES.join(', ').toUpperCase()}}.`);
  const content = body[type];
  if (!isRecord(content) && !(type === 'contacts' && Array.isArray(content))) throw missing(`Param ${type} is required.`);

  let replyTo: string | null = null;
  if (body.context !== undefined) {
    if (!isRecord(body.context)) throw invalid('Param context must be an object.');
    replyTo = requiredString(body.context, 'message_id', "context['message_id']");
  }
  let callbackData: string | null = null;
  if (body.biz_opaque_callback_data !== undefined) {
    if (typeof body.biz_opaque_callback_data !== 'string') throw invalid('Param biz_opaque_callback_data must be a string.');
    if (Buffer.byteLength(body.biz_opaque_callback_data, 'utf8') > 512) throw invalid('Param biz_opaque_callback_data must be at most 512 characters long.');
    callbackData = body.biz_opaque_callback_data;
  }

  const mediaIds: string[] = [];
  let template: TemplateSendRequest | null = null;
  if (type === 'text') {
    const text = requiredString(content as Record<string, unknown>, 'body', "text['body']");
    limit(text, 4096, "text['body']");
    const preview = (content as Record<string, unknown>).preview_url;
    if (preview !== undefined && typeof preview !== 'boolean') throw invalid("Param text['preview_url'] must be a boolean.");
  } else if (MEDIA_TYPES.has(type)) {
    const media = content as Record<string, unknown>;
    mediaSource(media, type, mediaIds);
    if (media.caption !== undefined) {
      if (!CAPTIONED.has(type)) throw invalid(`Param ${type}['caption'] is not supported.`);
      if (typeof media.caption !== 'string') throw invalid(`Param ${type}['caption'] must be a string.`);
      limit(media.caption, 1024, `${type}['caption']`, 0);
    }
    if (media.filename !== undefined && type !== 'document') throw invalid(`Param ${type}['filename'] is not supported.`);
  } else if (type === 'reaction') {
    const reaction = content as Record<string, unknown>;
    requiredString(reaction, 'message_id', "reaction['message_id']");
    if (typeof reaction.emoji !== 'string') throw missing("Param reaction['emoji'] is required.");
  } else if (type === 'location') {
    const location = content as Record<string, unknown>;
    coordinate(location.latitude, 90, "location['latitude']");
    coordinate(location.longitude, 180, "location['longitude']");
  } else if (type === 'contacts') {
    if (!Array.isArray(content) || content.length === 0) throw missing('Param contacts must be a non-empty array.');
    content.forEach((contact, i) => {
      if (!isRecord(contact) || !isRecord(contact.name)) throw missing(`Param contacts[${i}]['name'] is required.`);
      requiredString(contact.name, 'formatted_name', `contacts[${i}]['name']['formatted_name']`);
    });
  } else if (type === 'interactive') {
    interactive(content as Record<string, unknown>, mediaIds);
  } else if (type === 'template') {
    template = templateRequest(content as Record<string, unknown>, mediaIds);
  }
  return { kind: 'message', to: to.replace(/^\+/, ''), usernameOnly, type, replyTo, callbackData, template, mediaIds };
}

function interactive(content: Record<string, unknown>, mediaIds: string[]): void {
  const kind = content.type;
  if (kind !== 'button' && kind !== 'list' && kind !== 'cta_url') throw invalid("Param interactive['type'] must be one of {BUTTON, LIST, CTA_URL}.");
  const body = content.body;
  if (!isRecord(body)) throw missing("Param interactive['body'] is required.");
  limit(requiredString(body, 'text', "interactive['body']['text']"), kind === 'list' ? 4096 : 1024, "interactive['body']['text']");
  if (content.footer !== undefined) {
    if (!isRecord(content.footer)) throw invalid("Param interactive['footer'] must be an object.");
    limit(requiredString(content.footer, 'text', "interactive['footer']['text']"), 60, "interactive['footer']['text']");
  }
  if (content.header !== undefined) {
    const header = content.header;
    if (!isRecord(header) || typeof header.type !== 'string') throw invalid("Param interactive['header']['type'] is required.");
    if (header.type === 'text') limit(requiredString(header, 'text', "interactive['header']['text']"), 60, "interactive['header']['text']");
    else if (kind === 'list') throw invalid("Param interactive['header']['type'] must be TEXT for a list message.");
    else if (['image', 'video', 'document'].includes(header.type) && isRecord(header[header.type])) {
      mediaSource(header[header.type] as Record<string, unknown>, `interactive['header']['${header.type}']`, mediaIds);
    } else throw invalid("Param interactive['header'] is not valid.");
  }
  const action = content.action;
  if (!isRecord(action)) throw missing("Param interactive['action'] is required.");
  if (kind === 'cta_url') {
    if (action.name !== 'cta_url' || !isRecord(action.parameters)) throw invalid("Param interactive['action']['name'] must be cta_url, with parameters.");
    const label = requiredString(action.parameters, 'display_text', "interactive['action']['parameters']['display_text']");
    if (length(label) < 1 || length(label) > 20) throw notValid('Display text length invalid. Min length: 1, Max length: 20.');
    if (!/^https?:\/\/\S+$/i.test(requiredString(action.parameters, 'url', "interactive['action']['parameters']['url']"))) {
      throw invalid("Param interactive['action']['parameters']['url'] must be a valid URL.");
    }
    return;
  }
  if (kind === 'button') {
    const buttons = action.buttons;
    if (!Array.isArray(buttons) || buttons.length === 0) throw missing("Param interactive['action']['buttons'] is required.");
    if (buttons.length > 3) throw notValid('Buttons count invalid. Min: 1, Max: 3.');
    const ids = new Set<string>();
    const titles = new Set<string>();
    buttons.forEach((button, i) => {
      if (!isRecord(button) || button.type !== 'reply' || !isRecord(button.reply)) throw invalid(`Param interactive['action']['buttons'][${i}]['type'] must be "reply".`);
      const id = requiredString(button.reply, 'id', `interactive['action']['buttons'][${i}]['reply']['id']`);
      const title = requiredString(button.reply, 'title', `interactive['action']['buttons'][${i}]['reply']['title']`);
      if (length(id) > 256) throw notValid('Button id length invalid. Min length: 1, Max length: 256.');
      if (length(title) < 1 || length(title) > 20) throw notValid('Button title length invalid. Min length: 1, Max length: 20.');
      if (ids.has(id)) throw notValid('Button ids must be unique.');
      if (titles.has(title)) throw notValid('Button titles must be unique.');
      ids.add(id);
      titles.add(title);
    });
    return;
  }
  const label = requiredString(action, 'button', "interactive['action']['button']");
  if (length(label) < 1 || length(label) > 20) throw notValid('Button text length invalid. Min length: 1, Max length: 20.');
  const sections = action.sections;
  if (!Array.isArray(sections) || sections.length === 0) throw missing("Param interactive['action']['sections'] is required.");
  if (sections.length > 10) throw notValid('Sections count invalid. Min: 1, Max: 10.');
  const rowIds = new Set<string>();
  let rows = 0;
  sections.forEach((section, s) => {
    if (!isRecord(section) || !Array.isArray(section.rows) || section.rows.length === 0) throw missing(`Param interactive['action']['sections'][${s}]['rows'] is required.`);
    if (sections.length > 1 || section.title !== undefined) {
      const title = requiredString(section, 'title', `interactive['action']['sections'][${s}]['title']`);
      if (length(title) > 24) throw notValid('Section title length invalid. Max length: 24.');
    }
    for (const [r, row] of section.rows.entries()) {
      rows += 1;
      if (!isRecord(row)) throw invalid(`Param interactive['action']['sections'][${s}]['rows'][${r}] must be an object.`);
      const id = requiredString(row, 'id', `interactive['action']['sections'][${s}]['rows'][${r}]['id']`);
      const title = requiredString(row, 'title', `interactive['action']['sections'][${s}]['rows'][${r}]['title']`);
      if (length(id) > 200) throw notValid('Row id length invalid. Max length: 200.');
      if (length(title) > 24) throw notValid('Row title length invalid. Max length: 24.');
      if (row.description !== undefined && (typeof row.description !== 'string' || length(row.description) > 72)) {
        throw notValid('Row description length invalid. Max length: 72.');
      }
      if (rowIds.has(id)) throw notValid('Row ids must be unique.');
      rowIds.add(id);
    }
  });
  if (rows > 10) throw notValid('Total row count exceed max allowed count: 10.');
}

function templateRequest(content: Record<string, unknown>, mediaIds: string[]): TemplateSendRequest {
  const name = requiredString(content, 'name', "template['name']");
  if (!isRecord(content.language)) throw missing("Param template['language'] is required.");
  const languageCode = requiredString(content.language, 'code', "template['language']['code']");
  const components = content.components ?? [];
  if (!Array.isArray(components)) throw invalid("Param template['components'] must be an array.");
  components.forEach((component, c) => {
    if (!isRecord(component) || typeof component.type !== 'string') throw invalid(`Param template['components'][${c}]['type'] is required.`);
    if (component.type === 'button') {
      if (typeof component.sub_type !== 'string') throw missing(`Param template['components'][${c}]['sub_type'] is required.`);
      if (typeof component.index !== 'string' && typeof component.index !== 'number') throw missing(`Param template['components'][${c}]['index'] is required.`);
    } else if (component.type !== 'header' && component.type !== 'body') {
      throw invalid(`Param template['components'][${c}]['type'] must be one of {HEADER, BODY, BUTTON}.`);
    }
    if (!Array.isArray(component.parameters)) throw missing(`Param template['components'][${c}]['parameters'] is required.`);
    component.parameters.forEach((parameter: unknown, p: number) => {
      const at = `template['components'][${c}]['parameters'][${p}]`;
      if (!isRecord(parameter) || typeof parameter.type !== 'string') throw missing(`Param ${at}['type'] is required.`);
      const value = parameter[parameter.type];
      if (value === undefined) throw missing(`Param ${at}['${parameter.type}'] is required.`);
      if (['image', 'video', 'document'].includes(parameter.type)) {
        if (!isRecord(value)) throw invalid(`Param ${at}['${parameter.type}'] must be an object.`);
        mediaSource(value, `${at}['${parameter.type}']`, mediaIds);
      }
      if (parameter.parameter_name !== undefined && (typeof parameter.parameter_name !== 'string' || !/^[a-z][a-z0-9_]*$/.test(parameter.parameter_name))) {
        throw invalid(`Param ${at}['parameter_name'] must be lowercase letters, digits and underscores.`);
      }
    });
  });
  return { name, languageCode, components: components as Record<string, unknown>[] };
}

function mediaSource(media: Record<string, unknown>, path: string, mediaIds: string[]): void {
  const hasId = typeof media.id === 'string' && media.id !== '';
  const hasLink = typeof media.link === 'string' && media.link !== '';
  if (!hasId && !hasLink) throw missing(`Param ${path} must have an id or a link.`);
  if (hasId && hasLink) throw invalid(`Param ${path} must have either an id or a link, not both.`);
  if (hasLink && !/^https?:\/\/[^\s]+$/i.test(media.link as string)) throw invalid(`Param ${path}['link'] must be a valid URL.`);
  if (hasId) mediaIds.push(media.id as string);
}

function requiredString(object: Record<string, unknown>, key: string, path: string): string {
  const value = object[key];
  if (value === undefined || value === null || value === '') throw missing(`Param ${path} is required.`);
  if (typeof value !== 'string') throw invalid(`Param ${path} must be a string.`);
  return value;
}

function limit(value: string, max: number, path: string, min = 1): void {
  const count = length(value);
  if (count < min || count > max) throw notValid(`Param ${path} length invalid. Min length: ${min}, Max length: ${max}.`);
}

function coordinate(value: unknown, max: number, path: string): void {
  if (value === undefined) throw missing(`Param ${path} is required.`);
  const number = typeof value === 'string' ? Number(value) : value;
  if (typeof number !== 'number' || !Number.isFinite(number) || Math.abs(number) > max) throw invalid(`Param ${path} must be a number between -${max} and ${max}.`);
}

function length(value: string): number {
  return [...value].length;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
