/*
 * The parameters of an approved template, as an agent fills them and as Meta's send request
 * carries them (reference §3 "template", §5). Checked before calling Meta so a wrong count or
 * kind is explained to the agent at once instead of coming back as 132000/132012.
 *
 * Slots come from the stored template's components (Meta's shape, as the templates list
 * returns them): one per distinct header/body variable, one per media or location header, one
 * per URL variable or one-time-password button, one per copy-code button, and an optional
 * payload per quick-reply button (Meta falls back to the button's text when it is absent).
 * Flow buttons take no agent input and are left out.
 *
 * A slot is addressed by its `key` (`body:1`, `body:first_name`, `header:image`, `button:2:1`,
 * `button:0:payload`), so the UI asks for each by name and never shows JSON. Body variables
 * accept text, currency or date-time values; the template does not say which, and Meta renders
 * all three from what is sent.
 */
import { distinctVariableNames, templateVariables } from './template-variables.js';

export type TemplateParameterKind = 'text' | 'currency' | 'date_time' | 'image' | 'video' | 'document' | 'location' | 'payload' | 'coupon_code';

export interface TemplateParameterSlot {
  /** How `values` refer to this slot. */
  key: string;
  component: 'header' | 'body' | 'button';
  /** Position of the button in the template's BUTTONS component. */
  index?: number;
  /** The variable ('1', 'first_name'), or what the slot holds ('image', 'payload', 'coupon_code'). */
  name: string;
  /** What the slot normally holds. */
  kind: TemplateParameterKind;
  /** Every kind Meta accepts here. */
  accepts: TemplateParameterKind[];
  /** False only for quick-reply payloads. */
  required: boolean;
  /** The example given when the template was created, to show as a hint. */
  example?: string;
}

/** A template as stored from Meta's templates list. */
export interface StoredTemplate {
  status: string;
  components: unknown;
}

export type MediaSource = { id: string; link?: undefined } | { link: string; id?: undefined };

/** What an agent fills in; a plain string is a text value. */
export type TemplateParameterValue =
  | string
  | { kind: 'text'; text: string }
  | { kind: 'currency'; fallbackValue: string; code: string; amount1000: number }
  | { kind: 'date_time'; fallbackValue: string }
  | ({ kind: 'image' | 'video' } & MediaSource)
  | ({ kind: 'document'; filename?: string } & MediaSource)
  | { kind: 'location'; latitude: number; longitude: number; name?: string; address?: string }
  | { kind: 'payload'; payload: string }
  | { kind: 'coupon_code'; couponCode: string };

type Media = { id: string } | { link: string };

/** One parameter of Meta's send request. */
export type TemplateSendParameter = (
  | { type: 'text'; text: string }
  | { type: 'currency'; currency: { fallback_value: string; code: string; amount_1000: number } }
  | { type: 'date_time'; date_time: { fallback_value: string } }
  | { type: 'image'; image: Media }
  | { type: 'video'; video: Media }
  | { type: 'document'; document: Media & { filename?: string } }
  | { type: 'location'; location: { latitude: number; longitude: number; name?: string; address?: string } }
  | { type: 'payload'; payload: string }
  | { type: 'coupon_code'; coupon_code: string }
) & { parameter_name?: string };

export type TemplateSendComponent =
  | { type: 'header' | 'body'; parameters: TemplateSendParameter[] }
  | { type: 'button'; sub_type: 'url' | 'quick_reply' | 'copy_code'; index: string; parameters: TemplateSendParameter[] };

export interface TemplateSendProblem {
  code: 'not-approved' | 'missing' | 'extra' | 'wrong-kind' | 'invalid-value';
  /** The slot's key; empty for the template itself. */
  slot: string;
  /** i18n key in locales/<lang>/template-parameters.json. */
  key: string;
  params: Record<string, string | number>;
}

export type TemplateSendComponentsResult = { ok: true; components: TemplateSendComponent[] } | { ok: false; problems: TemplateSendProblem[] };

type Json = Record<string, unknown>;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function firstString(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  return Array.isArray(value) && typeof value[0] === 'string' ? value[0] : undefined;
}

const BODY_KINDS: TemplateParameterKind[] = ['text', 'currency', 'date_time'];
const MEDIA_FORMATS = { IMAGE: 'image', VIDEO: 'video', DOCUMENT: 'document', LOCATION: 'location' } as const;

/** The example Meta keeps for variable `name` (position `position` among the distinct ones). */
function exampleFor(example: unknown, positional: string, named: string, name: string, position: number): string | undefined {
  if (!isRecord(example)) return undefined;
  const namedExamples = example[named];
  if (Array.isArray(namedExamples)) {
    const entry = namedExamples.find((e: unknown) => isRecord(e) && e.param_name === name);
    return isRecord(entry) && typeof entry.example === 'string' ? entry.example : undefined;
  }
  const values = example[positional];
  // Body examples are nested one level deeper than header ones: [["v1", "v2"]].
  const row = Array.isArray(values) && Array.isArray(values[0]) ? values[0] : values;
  if (!Array.isArray(row)) return undefined;
  const value = row[/^[0-9]+$/.test(name) ? Number(name) - 1 : position];
  return typeof value === 'string' ? value : undefined;
}

function textSlots(component: Json, which: 'header' | 'body'): TemplateParameterSlot[] {
  const text = typeof component.text === 'string' ? component.text : '';
  const variables = templateVariables(text).filter((variable) => variable.kind !== 'invalid');
  const names = distinctVariableNames(variables).sort((a, b) => (/^[0-9]+$/.test(a) && /^[0-9]+$/.test(b) ? Number(a) - Number(b) : 0));
  return names.map((name, position) => {
    const example = exampleFor(component.example, `${which}_text`, `${which}_text_named_params`, name, position);
    return {
      key: `${which}:${name}`,
      component: which,
      name,
      kind: 'text',
      accepts: which === 'body' ? [...BODY_KINDS] : ['text'],
      required: true,
      ...(example === undefined ? {} : { example }),
    };
  });
}

function headerSlots(header: Json): TemplateParameterSlot[] {
  const format = typeof header.format === 'string' ? header.format.toUpperCase() : 'TEXT';
  if (format === 'TEXT') return textSlots(header, 'header');
  const kind = MEDIA_FORMATS[format as keyof typeof MEDIA_FORMATS];
  if (!kind) return [];
  const example = isRecord(header.example) ? firstString(header.example.header_handle) : undefined;
  return [{ key: `header:${kind}`, component: 'header', name: kind, kind, accepts: [kind], required: true, ...(example === undefined ? {} : { example }) }];
}

function buttonSlot(button: unknown, index: number): TemplateParameterSlot | undefined {
  if (!isRecord(button) || typeof button.type !== 'string') return undefined;
  const type = button.type.toUpperCase();
  const slot = (name: string, kind: TemplateParameterKind, required: boolean, example?: string): TemplateParameterSlot => ({
    key: `button:${index}:${name}`,
    component: 'button',
    index,
    name,
    kind,
    accepts: [kind],
    required,
    ...(example === undefined ? {} : { example }),
  });
  switch (type) {
    case 'URL':
      if (typeof button.url !== 'string' || templateVariables(button.url).length === 0) return undefined;
      return slot('1', 'text', true, firstString(button.example));
    // The one-time password travels as the button's URL parameter (Meta's authentication templates).
    case 'OTP':
      return slot('1', 'text', true);
    case 'COPY_CODE':
      return slot('coupon_code', 'coupon_code', true, firstString(button.example));
    case 'QUICK_REPLY':
      return slot('payload', 'payload', false);
    default:
      return undefined;
  }
}

export function templateParameterSlots(template: Pick<StoredTemplate, 'components'>): TemplateParameterSlot[] {
  if (!Array.isArray(template.components)) return [];
  const components = template.components.filter(isRecord);
  const ofType = (type: string) => components.find((c) => typeof c.type === 'string' && c.type.toUpperCase() === type);
  const header = ofType('HEADER');
  const body = ofType('BODY');
  const buttons = ofType('BUTTONS')?.buttons;
  return [
    ...(header ? headerSlots(header) : []),
    ...(body ? textSlots(body, 'body') : []),
    ...(Array.isArray(buttons) ? buttons.map(buttonSlot).filter((slot): slot is TemplateParameterSlot => slot !== undefined) : []),
  ];
}

const BUTTON_SUB_TYPES: Partial<Record<TemplateParameterKind, 'url' | 'quick_reply' | 'copy_code'>> = {
  text: 'url',
  payload: 'quick_reply',
  coupon_code: 'copy_code',
};

// Meta refuses text parameters with these (error 132018); saying so before sending is kinder.
const UNSENDABLE_TEXT = /[\n\r\t]| {5}/;

type Converted = { parameter: TemplateSendParameter } | { problem: Omit<TemplateSendProblem, 'slot'> };

const invalid = (key: string, params: Record<string, string | number> = {}): Converted => ({
  problem: { code: 'invalid-value', key: `templateParameters.${key}`, params },
});

function nonEmpty(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function mediaOf(value: Json): Media | undefined {
  if (nonEmpty(value.id) && value.link === undefined) return { id: value.id };
  if (nonEmpty(value.link) && value.id === undefined && /^https?:\/\//i.test(value.link)) return { link: value.link };
  return undefined;
}

function convert(slot: TemplateParameterSlot, raw: unknown): Converted {
  const value: Json | undefined = typeof raw === 'string' ? { kind: 'text', text: raw } : isRecord(raw) ? raw : undefined;
  const kind = value?.kind;
  if (!value || typeof kind !== 'string' || !slot.accepts.includes(kind as TemplateParameterKind)) {
    return {
      problem: {
        code: 'wrong-kind',
        key: 'templateParameters.wrongKind',
        params: { name: slot.name, expected: slot.accepts.join(', '), actual: typeof kind === 'string' ? kind : typeof raw },
      },
    };
  }
  switch (kind as TemplateParameterKind) {
    case 'text':
      if (!nonEmpty(value.text)) return invalid('emptyText', { name: slot.name });
      if (slot.component !== 'button' && UNSENDABLE_TEXT.test(value.text)) return invalid('textFormatting', { name: slot.name });
      return { parameter: { type: 'text', text: value.text } };
    case 'currency': {
      const { fallbackValue, code, amount1000 } = value;
      if (!nonEmpty(fallbackValue) || typeof code !== 'string' || !/^[A-Z]{3}$/.test(code) || !Number.isSafeInteger(amount1000)) {
        return invalid('currency', { name: slot.name });
      }
      return { parameter: { type: 'currency', currency: { fallback_value: fallbackValue, code, amount_1000: amount1000 as number } } };
    }
    case 'date_time':
      if (!nonEmpty(value.fallbackValue)) return invalid('dateTime', { name: slot.name });
      return { parameter: { type: 'date_time', date_time: { fallback_value: value.fallbackValue } } };
    case 'image':
    case 'video':
    case 'document': {
      const media = mediaOf(value);
      if (!media) return invalid('mediaSource', { name: slot.name });
      if (kind === 'image') return { parameter: { type: 'image', image: media } };
      if (kind === 'video') return { parameter: { type: 'video', video: media } };
      const document = nonEmpty(value.filename) ? { ...media, filename: value.filename } : media;
      return { parameter: { type: 'document', document } };
    }
    case 'location': {
      const { latitude, longitude, name, address } = value;
      const inRange = (n: unknown, limit: number) => typeof n === 'number' && Number.isFinite(n) && Math.abs(n) <= limit;
      if (!inRange(latitude, 90) || !inRange(longitude, 180)) return invalid('location', { name: slot.name });
      return {
        parameter: {
          type: 'location',
          location: {
            latitude: latitude as number,
            longitude: longitude as number,
            ...(nonEmpty(name) ? { name } : {}),
            ...(nonEmpty(address) ? { address } : {}),
          },
        },
      };
    }
    case 'payload':
      if (!nonEmpty(value.payload)) return invalid('payload', { name: slot.name });
      return { parameter: { type: 'payload', payload: value.payload } };
    case 'coupon_code':
      if (!nonEmpty(value.couponCode) || [...value.couponCode].length > 15) return invalid('couponCode', { name: slot.name, max: 15 });
      return { parameter: { type: 'coupon_code', coupon_code: value.couponCode } };
  }
}

/**
 * Meta's `components` for sending `template` with `values` (keyed by slot key), or every
 * reason it cannot be sent as it is.
 */
export function buildTemplateSendComponents(template: StoredTemplate, values: Readonly<Record<string, TemplateParameterValue>>): TemplateSendComponentsResult {
  const problems: TemplateSendProblem[] = [];
  if (template.status !== 'APPROVED') {
    problems.push({ code: 'not-approved', slot: '', key: 'templateParameters.notApproved', params: { status: String(template.status ?? '') } });
  }
  const slots = templateParameterSlots(template);
  const known = new Set(slots.map((slot) => slot.key));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) problems.push({ code: 'extra', slot: key, key: 'templateParameters.extra', params: { name: key } });
  }

  const header: TemplateSendParameter[] = [];
  const body: TemplateSendParameter[] = [];
  const buttons: TemplateSendComponent[] = [];
  for (const slot of slots) {
    const raw = Object.hasOwn(values, slot.key) ? values[slot.key] : undefined;
    if (raw === undefined) {
      if (slot.required) problems.push({ code: 'missing', slot: slot.key, key: 'templateParameters.missing', params: { name: slot.name } });
      continue;
    }
    const converted = convert(slot, raw);
    if ('problem' in converted) {
      problems.push({ ...converted.problem, slot: slot.key });
      continue;
    }
    // Header and body text slots are exactly the template's variables; only named ones carry their name.
    const named = slot.component !== 'button' && slot.kind === 'text' && !/^[0-9]+$/.test(slot.name);
    const parameter: TemplateSendParameter = named ? { ...converted.parameter, parameter_name: slot.name } : converted.parameter;
    if (slot.component === 'header') header.push(parameter);
    else if (slot.component === 'body') body.push(parameter);
    else buttons.push({ type: 'button', sub_type: BUTTON_SUB_TYPES[slot.kind]!, index: String(slot.index), parameters: [parameter] });
  }
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    components: [
      ...(header.length > 0 ? [{ type: 'header' as const, parameters: header }] : []),
      ...(body.length > 0 ? [{ type: 'body' as const, parameters: body }] : []),
      ...buttons,
    ],
  };
}
