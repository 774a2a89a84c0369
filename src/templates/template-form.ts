/*
 * The back office's template form and Meta's create body (reference §5), both ways. The form
 * is flat, as AdminJS posts it: one field per text, one example per variable
 * (`bodyExamples.first_name`, `headerExamples.1`) and numbered button rows
 * (`buttons.0.type`). Admins never write JSON; the draft built here is what
 * `validateTemplateDraft` checks and Meta receives, and every problem it reports is pointed
 * back at the field that caused it.
 *
 * Pure: no I/O.
 */
import type { TemplateProblem } from '../domain/template-rules.js';
// A .ts extension: the template form component imports this module into the browser bundle.
import { distinctVariableNames, templateVariables } from '../domain/template-variables.ts';

/** What AdminJS posts: flat keys, string values (checkboxes as 'true'). */
export type TemplateFormValues = Readonly<Record<string, unknown>>;

/** The form field for problems that belong to no field in particular. */
export const GENERAL_FIELD = 'draft';

export interface TemplateFormDraft {
  /** Meta's create body, as validateTemplateDraft reads it; `allow_category_change` when ticked. */
  draft: Record<string, unknown>;
  /** The form field a problem's `path` points at (GENERAL_FIELD when none does). */
  fieldOf(path: string): string;
}

/** What a stored template holds (Meta's listing shape for the components). */
export interface StoredTemplateDefinition {
  name: string;
  language: string;
  category: string | null;
  parameterFormat: string;
  components: unknown;
}

type Json = Record<string, unknown>;

const BUTTON_FIELD: Record<string, string> = {
  type: 'type',
  text: 'text',
  url: 'url',
  phone_number: 'phoneNumber',
  otp_type: 'otpType',
  supported_apps: 'otpType',
  flow_id: 'flowId',
};

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The variables of a text whose examples the form asks for, in Meta's order: numbers
 * ascending for positional templates, first appearance for named ones. Variables of the
 * other style are left out; validation reports them on the text.
 */
export function exampleVariables(text: string, parameterFormat: string): string[] {
  const kind = parameterFormat === 'NAMED' ? 'named' : 'positional';
  const names = distinctVariableNames(templateVariables(text).filter((variable) => variable.kind === kind));
  return kind === 'positional' ? names.sort((a, b) => Number(a) - Number(b)) : names;
}

export function templateDraftFromForm(values: TemplateFormValues, fixed?: { name: string; language: string }): TemplateFormDraft {
  const line = (key: string) => (typeof values[key] === 'string' ? (values[key] as string).trim() : '');
  const text = (key: string) => (typeof values[key] === 'string' ? (values[key] as string) : '');
  const category = line('category');
  const parameterFormat = line('parameterFormat') || 'POSITIONAL';
  const authentication = category === 'AUTHENTICATION';

  const draft: Json = {
    name: fixed?.name ?? line('name'),
    language: fixed?.language ?? line('language'),
    category,
    parameter_format: parameterFormat,
    components: [],
  };
  const components = draft.components as Json[];
  const sections: Record<string, number> = {};
  const add = (section: string, component: Json) => {
    sections[section] = components.length;
    components.push(component);
  };

  let headerNames: string[] = [];
  const headerFormat = line('headerFormat').toUpperCase();
  if (headerFormat) {
    const header: Json = { type: 'HEADER', format: headerFormat };
    if (headerFormat === 'TEXT') {
      header.text = line('headerText');
      headerNames = exampleVariables(header.text as string, parameterFormat);
      const example = examplesOf(values, 'headerExamples', headerNames, parameterFormat, 'header');
      if (example) header.example = example;
    } else if (headerFormat !== 'LOCATION' && line('headerHandle')) {
      header.example = { header_handle: [line('headerHandle')] };
    }
    add('header', header);
  }

  let bodyNames: string[] = [];
  const bodyText = text('bodyText');
  const body: Json = { type: 'BODY' };
  if (!authentication || bodyText.trim() !== '') {
    body.text = bodyText;
    bodyNames = exampleVariables(bodyText, parameterFormat);
    const example = examplesOf(values, 'bodyExamples', bodyNames, parameterFormat, 'body');
    if (example) body.example = example;
  }
  if (authentication && line('addSecurityRecommendation') === 'true') body.add_security_recommendation = true;
  add('body', body);

  const footerText = line('footerText');
  const expiration = line('codeExpirationMinutes');
  if (footerText || (authentication && expiration)) {
    const footer: Json = { type: 'FOOTER' };
    if (footerText) footer.text = footerText;
    if (authentication && expiration) footer.code_expiration_minutes = Number(expiration);
    add('footer', footer);
  }

  const rows = buttonRows(values);
  const buttons = rows.map((row) => buttonOf(values, row));
  if (buttons.length > 0) add('buttons', { type: 'BUTTONS', buttons });

  if (line('allowCategoryChange') === 'true') draft.allow_category_change = true;

  const buttonTypes = buttons.map((button) => String(button.type));
  return {
    draft,
    fieldOf: (path) => fieldOfPath(path, { sections, headerNames, bodyNames, rows, buttonTypes }),
  };
}

function examplesOf(values: TemplateFormValues, prefix: string, names: string[], parameterFormat: string, where: 'header' | 'body'): Json | null {
  if (names.length === 0) return null;
  const exampleOf = (name: string) => {
    const value = values[`${prefix}.${name}`];
    return typeof value === 'string' ? value.trim() : '';
  };
  if (parameterFormat === 'NAMED') {
    return { [`${where}_text_named_params`]: names.map((name) => ({ param_name: name, example: exampleOf(name) })) };
  }
  const examples = names.map(exampleOf);
  // Meta nests the body's values in one more array; the header's are flat.
  return where === 'body' ? { body_text: [examples] } : { header_text: examples };
}

/** The numbers of the button rows that have a type, in order: empty rows of the form are left out. */
function buttonRows(values: TemplateFormValues): number[] {
  const rows = new Set<number>();
  for (const key of Object.keys(values)) {
    const match = /^buttons\.(\d+)\.type$/.exec(key);
    if (match && typeof values[key] === 'string' && (values[key] as string).trim() !== '') rows.add(Number(match[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

function buttonOf(values: TemplateFormValues, row: number): Json {
  const field = (name: string) => {
    const value = values[`buttons.${row}.${name}`];
    return typeof value === 'string' ? value.trim() : '';
  };
  const type = field('type').toUpperCase();
  const button: Json = { type };
  if (field('text')) button.text = field('text');
  switch (type) {
    case 'URL':
      button.url = field('url');
      if (/\{\{/.test(field('url'))) button.example = [field('urlExample')];
      break;
    case 'PHONE_NUMBER':
      button.phone_number = field('phoneNumber');
      break;
    case 'COPY_CODE':
      button.example = field('code');
      break;
    case 'FLOW':
      if (field('flowId')) button.flow_id = field('flowId');
      break;
    case 'OTP':
      button.otp_type = field('otpType');
      break;
  }
  return button;
}

interface DraftLayout {
  sections: Record<string, number>;
  headerNames: string[];
  bodyNames: string[];
  rows: number[];
  buttonTypes: string[];
}

const SIMPLE_FIELDS: Record<string, string> = {
  name: 'name',
  language: 'language',
  category: 'category',
  parameter_format: 'parameterFormat',
  accountId: 'accountId',
};

function fieldOfPath(path: string, layout: DraftLayout): string {
  if (SIMPLE_FIELDS[path]) return SIMPLE_FIELDS[path];
  const match = /^components\[(\d+)\](.*)$/.exec(path);
  if (!match) return GENERAL_FIELD;
  const index = Number(match[1]);
  const rest = match[2]!;
  const section = Object.keys(layout.sections).find((name) => layout.sections[name] === index);
  switch (section) {
    case 'header':
      return headerField(rest, layout.headerNames);
    case 'body':
      return bodyField(rest, layout.bodyNames);
    case 'footer':
      return rest.startsWith('.code_expiration_minutes') ? 'codeExpirationMinutes' : 'footerText';
    case 'buttons':
      return buttonField(rest, layout);
    default:
      return GENERAL_FIELD;
  }
}

function headerField(rest: string, names: string[]): string {
  if (rest.startsWith('.text')) return 'headerText';
  if (rest.startsWith('.example.header_handle')) return 'headerHandle';
  const example = /^\.example\.header_text(?:_named_params)?\[(\d+)\]/.exec(rest);
  if (example) return exampleField('headerExamples', names, Number(example[1]), 'headerText');
  if (rest.startsWith('.example')) return 'headerText';
  return 'headerFormat';
}

function bodyField(rest: string, names: string[]): string {
  const positional = /^\.example\.body_text\[0\]\[(\d+)\]/.exec(rest);
  if (positional) return exampleField('bodyExamples', names, Number(positional[1]), 'bodyText');
  const named = /^\.example\.body_text_named_params\[(\d+)\]/.exec(rest);
  if (named) return exampleField('bodyExamples', names, Number(named[1]), 'bodyText');
  return 'bodyText';
}

function exampleField(prefix: string, names: string[], index: number, fallback: string): string {
  const name = names[index];
  return name === undefined ? fallback : `${prefix}.${name}`;
}

function buttonField(rest: string, layout: DraftLayout): string {
  const match = /^\.buttons\[(\d+)\](?:\.([a-z_]+))?/.exec(rest);
  const row = match ? layout.rows[Number(match[1])] : undefined;
  if (!match || row === undefined) return 'buttons';
  const property = match[2];
  if (property === 'example') return `buttons.${row}.${layout.buttonTypes[Number(match[1])] === 'URL' ? 'urlExample' : 'code'}`;
  return `buttons.${row}.${(property && BUTTON_FIELD[property]) || 'type'}`;
}

/** One problem per field (the first found), and the general ones under GENERAL_FIELD. */
export function problemsByField(problems: readonly TemplateProblem[], fieldOf: (path: string) => string): Record<string, TemplateProblem> {
  const byField: Record<string, TemplateProblem> = {};
  for (const problem of problems) {
    const field = fieldOf(problem.path);
    byField[field] ??= problem;
  }
  return byField;
}

/** The form's values for a stored template, so that editing starts from what Meta has. */
export function templateFormFromTemplate(template: StoredTemplateDefinition): Record<string, string> {
  const form: Record<string, string> = {
    name: template.name,
    language: template.language,
    category: template.category ?? '',
    parameterFormat: template.parameterFormat || 'POSITIONAL',
  };
  const components = Array.isArray(template.components) ? template.components.filter(isRecord) : [];
  for (const component of components) {
    switch (String(component.type).toUpperCase()) {
      case 'HEADER':
        fillHeader(form, component, form.parameterFormat!);
        break;
      case 'BODY':
        fillBody(form, component, form.parameterFormat!);
        break;
      case 'FOOTER':
        if (typeof component.text === 'string') form.footerText = component.text;
        if (typeof component.code_expiration_minutes === 'number') form.codeExpirationMinutes = String(component.code_expiration_minutes);
        break;
      case 'BUTTONS':
        (Array.isArray(component.buttons) ? component.buttons.filter(isRecord) : []).forEach((button, row) => fillButton(form, button, row));
        break;
    }
  }
  return form;
}

function fillHeader(form: Record<string, string>, header: Json, parameterFormat: string): void {
  form.headerFormat = String(header.format ?? 'TEXT').toUpperCase();
  const example = isRecord(header.example) ? header.example : {};
  if (Array.isArray(example.header_handle) && typeof example.header_handle[0] === 'string') form.headerHandle = example.header_handle[0];
  if (typeof header.text !== 'string') return;
  form.headerText = header.text;
  fillExamples(form, 'headerExamples', exampleVariables(header.text, parameterFormat), example.header_text, example.header_text_named_params);
}

function fillBody(form: Record<string, string>, body: Json, parameterFormat: string): void {
  if (body.add_security_recommendation === true) form.addSecurityRecommendation = 'true';
  if (typeof body.text !== 'string') return;
  form.bodyText = body.text;
  const example = isRecord(body.example) ? body.example : {};
  const rows = Array.isArray(example.body_text) ? example.body_text[0] : undefined;
  fillExamples(form, 'bodyExamples', exampleVariables(body.text, parameterFormat), rows, example.body_text_named_params);
}

function fillExamples(form: Record<string, string>, prefix: string, names: string[], positional: unknown, named: unknown): void {
  if (Array.isArray(named)) {
    for (const entry of named.filter(isRecord)) {
      if (typeof entry.param_name === 'string' && typeof entry.example === 'string') form[`${prefix}.${entry.param_name}`] = entry.example;
    }
  }
  if (Array.isArray(positional)) {
    names.forEach((name, index) => {
      if (typeof positional[index] === 'string') form[`${prefix}.${name}`] = positional[index];
    });
  }
}

function fillButton(form: Record<string, string>, button: Json, row: number): void {
  const set = (field: string, value: unknown) => {
    if (typeof value === 'string') form[`buttons.${row}.${field}`] = value;
  };
  const type = String(button.type ?? '').toUpperCase();
  set('type', type);
  set('text', button.text);
  set('url', button.url);
  set('phoneNumber', button.phone_number);
  set('otpType', button.otp_type);
  set('flowId', button.flow_id);
  if (type === 'URL' && Array.isArray(button.example)) set('urlExample', button.example[0]);
  if (type === 'COPY_CODE') set('code', Array.isArray(button.example) ? button.example[0] : button.example);
}
