/*
 * Meta's rules for a template to CREATE (reference §5 and Meta's template guidelines), checked
 * before submitting so the admin sees every problem at once, in their language, instead of
 * Meta's first error in English days later as a rejection.
 *
 * The input is whatever the form produced, so it is `unknown` and nothing here throws: each
 * problem names the field (`path`, as in `components[1].example.body_text[0][2]`), an i18n key
 * (locales/<lang>/template-rules.json) and the values its text needs.
 *
 * Decisions where Meta is vague:
 * - Lengths count characters (code points), not UTF-16 units: an emoji is one character.
 * - Variables separated only by spaces or line breaks count as adjacent (`{{1}} {{2}}`), which
 *   Meta's reviewers reject like `{{1}}{{2}}`.
 * - A variable may appear more than once; numbering only has to cover 1…n without gaps.
 * - Carousel and limited-time-offer components are not offered by this back office and are
 *   reported as unsupported rather than half-checked.
 */
// A .ts extension: the template form component imports this module into the browser bundle.
import { distinctVariableNames, hasStrayBraces, templateVariables, type TemplateVariable } from './template-variables.ts';

export const TEMPLATE_CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'] as const;
export type TemplateCategory = (typeof TEMPLATE_CATEGORIES)[number];
export const PARAMETER_FORMATS = ['POSITIONAL', 'NAMED'] as const;
export type ParameterFormat = (typeof PARAMETER_FORMATS)[number];
export const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'] as const;
export type HeaderFormat = (typeof HEADER_FORMATS)[number];
export const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'FLOW', 'OTP'] as const;
export type ButtonType = (typeof BUTTON_TYPES)[number];
export const OTP_TYPES = ['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'] as const;

export const TEMPLATE_LIMITS = {
  nameLength: 512,
  headerTextLength: 60,
  headerVariables: 1,
  bodyTextLength: 1024,
  footerTextLength: 60,
  buttonTextLength: 25,
  buttons: 10,
  urlLength: 2000,
  phoneNumberLength: 20,
  copyCodeLength: 15,
  codeExpirationMinutes: { min: 1, max: 90 },
  buttonsPerType: { QUICK_REPLY: 10, URL: 2, PHONE_NUMBER: 1, COPY_CODE: 1, FLOW: 1, OTP: 1 } satisfies Record<ButtonType, number>,
} as const;

export interface NamedParamExample {
  param_name: string;
  example: string;
}

/** The create request's body as Meta documents it (what a valid draft looks like). */
export interface TemplateDraft {
  name: string;
  language: string;
  category: TemplateCategory;
  parameter_format?: ParameterFormat;
  components: TemplateDraftComponent[];
}

export type TemplateDraftComponent =
  | {
      type: 'HEADER';
      format: HeaderFormat;
      text?: string;
      example?: { header_text?: string[]; header_text_named_params?: NamedParamExample[]; header_handle?: string[] };
    }
  | {
      type: 'BODY';
      text?: string;
      add_security_recommendation?: boolean;
      example?: { body_text?: string[][]; body_text_named_params?: NamedParamExample[] };
    }
  | { type: 'FOOTER'; text?: string; code_expiration_minutes?: number }
  | { type: 'BUTTONS'; buttons: TemplateDraftButton[] };

export interface TemplateDraftButton {
  type: ButtonType;
  text?: string;
  url?: string;
  phone_number?: string;
  example?: string | string[];
  flow_id?: string;
  flow_name?: string;
  flow_json?: string;
  otp_type?: (typeof OTP_TYPES)[number];
  supported_apps?: Array<{ package_name: string; signature_hash: string }>;
  package_name?: string;
  signature_hash?: string;
}

export interface TemplateProblem {
  /** Where in the draft, e.g. `components[0].text`; empty for the draft itself. */
  path: string;
  /** i18n key in locales/<lang>/template-rules.json. */
  key: string;
  params: Record<string, string | number>;
}

type Problems = TemplateProblem[];
type Json = Record<string, unknown>;

const NAME = /^[a-z0-9_]+$/;
const LANGUAGE = /^[a-z]{2,3}(_[A-Z]{2})?$/;
const PHONE_NUMBER = /^\+?[0-9]{5,19}$/;
const HTTP_URL = /^https?:\/\/[^\s/?#]+\.[^\s/?#]+/i;

function isRecord(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A value as it can be quoted in a problem. Never throws: drafts come from anyone (a bogus toString included). */
function shown(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
  try {
    return JSON.stringify(value) ?? typeof value;
  } catch {
    return typeof value;
  }
}

function nonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

function length(text: string): number {
  return [...text].length;
}

function oneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (values as readonly string[]).includes(value);
}

function problem(path: string, key: string, params: Record<string, string | number> = {}): TemplateProblem {
  return { path, key, params };
}

export function validateTemplateDraft(draft: unknown): TemplateProblem[] {
  if (!isRecord(draft)) return [problem('', 'templateRules.draft.notAnObject')];
  const problems: Problems = [];
  checkName(draft.name, problems);
  if (!nonEmptyString(draft.language)) problems.push(problem('language', 'templateRules.language.required'));
  else if (!LANGUAGE.test(draft.language)) problems.push(problem('language', 'templateRules.language.invalid', { value: draft.language }));

  const category = oneOf(TEMPLATE_CATEGORIES, draft.category) ? draft.category : undefined;
  if (draft.category === undefined || draft.category === '') problems.push(problem('category', 'templateRules.category.required'));
  else if (!category) problems.push(problem('category', 'templateRules.category.invalid', { value: shown(draft.category) }));

  let format: ParameterFormat = 'POSITIONAL';
  if (oneOf(PARAMETER_FORMATS, draft.parameter_format)) format = draft.parameter_format;
  else if (draft.parameter_format !== undefined) {
    problems.push(problem('parameter_format', 'templateRules.parameterFormat.invalid', { value: shown(draft.parameter_format) }));
  }

  checkComponents(draft.components, category, format, problems);
  return problems;
}

function checkName(name: unknown, problems: Problems): void {
  if (!nonEmptyString(name)) problems.push(problem('name', 'templateRules.name.required'));
  else if (!NAME.test(name)) problems.push(problem('name', 'templateRules.name.invalidCharacters', { value: name }));
  else if (name.length > TEMPLATE_LIMITS.nameLength) {
    problems.push(problem('name', 'templateRules.name.tooLong', { max: TEMPLATE_LIMITS.nameLength, length: name.length }));
  }
}

const COMPONENT_TYPES = ['HEADER', 'BODY', 'FOOTER', 'BUTTONS'] as const;

function checkComponents(components: unknown, category: TemplateCategory | undefined, format: ParameterFormat, problems: Problems): void {
  if (!Array.isArray(components)) {
    problems.push(problem('components', 'templateRules.components.required'));
    return;
  }
  const seen = new Set<string>();
  const authentication = category === 'AUTHENTICATION';
  components.forEach((component: unknown, index) => {
    const path = `components[${index}]`;
    if (!isRecord(component)) {
      problems.push(problem(path, 'templateRules.components.notAnObject'));
      return;
    }
    const type = typeof component.type === 'string' ? component.type.toUpperCase() : '';
    if (!oneOf(COMPONENT_TYPES, type)) {
      problems.push(problem(`${path}.type`, 'templateRules.components.unsupportedType', { value: shown(component.type) }));
      return;
    }
    if (seen.has(type)) {
      problems.push(problem(`${path}.type`, 'templateRules.components.duplicate', { type }));
      return;
    }
    seen.add(type);
    switch (type) {
      case 'HEADER':
        if (authentication) problems.push(problem(path, 'templateRules.header.notAllowedForAuthentication'));
        else checkHeader(component, path, format, problems);
        return;
      case 'BODY':
        checkBody(component, path, format, authentication, problems);
        return;
      case 'FOOTER':
        checkFooter(component, path, authentication, problems);
        return;
      case 'BUTTONS':
        checkButtons(component, path, authentication, problems);
        return;
    }
  });
  if (!seen.has('BODY')) problems.push(problem('components', 'templateRules.components.bodyRequired'));
  if (authentication && !seen.has('BUTTONS')) problems.push(problem('components', 'templateRules.buttons.authenticationNeedsOtp'));
}

/**
 * The variables of a header or body text that are well formed for the template's parameter
 * format; every other placeholder is reported.
 */
function checkVariables(text: string, path: string, format: ParameterFormat, problems: Problems): TemplateVariable[] {
  if (hasStrayBraces(text)) problems.push(problem(path, 'templateRules.variables.strayBraces'));
  const expected = format === 'NAMED' ? 'named' : 'positional';
  const valid: TemplateVariable[] = [];
  for (const variable of templateVariables(text)) {
    if (variable.kind === 'invalid') problems.push(problem(path, 'templateRules.variables.invalid', { variable: variable.raw }));
    else if (variable.kind !== expected) {
      const key = expected === 'named' ? 'templateRules.variables.positionalInNamed' : 'templateRules.variables.namedInPositional';
      problems.push(problem(path, key, { variable: variable.raw }));
    } else valid.push(variable);
  }
  if (expected === 'positional') {
    const numbers = new Set(valid.map((variable) => Number(variable.name)));
    const highest = Math.max(0, ...numbers);
    const missing = Array.from({ length: highest }, (_, i) => i + 1).filter((n) => !numbers.has(n));
    if (missing.length > 0) {
      problems.push(problem(path, 'templateRules.variables.notSequential', { missing: missing.map((n) => `{{${n}}}`).join(', ') }));
    }
  }
  return valid;
}

/** `values` must be one non-empty example per positional variable, in order. */
function checkPositionalExamples(values: unknown, count: number, path: string, problems: Problems): void {
  if (count === 0 && values === undefined) return;
  if (!Array.isArray(values)) {
    problems.push(problem(path, 'templateRules.example.required', { count }));
    return;
  }
  if (values.length !== count) problems.push(problem(path, 'templateRules.example.count', { expected: count, actual: values.length }));
  values.forEach((value: unknown, index) => {
    if (!nonEmptyString(value)) problems.push(problem(`${path}[${index}]`, 'templateRules.example.empty', { variable: `{{${index + 1}}}` }));
  });
}

/** `entries` must hold exactly one non-empty example per named variable. */
function checkNamedExamples(entries: unknown, names: readonly string[], path: string, problems: Problems): void {
  if (names.length === 0 && entries === undefined) return;
  if (!Array.isArray(entries)) {
    problems.push(problem(path, 'templateRules.example.required', { count: names.length }));
    return;
  }
  const given = new Set<string>();
  entries.forEach((entry: unknown, index) => {
    const at = `${path}[${index}]`;
    const name = isRecord(entry) && typeof entry.param_name === 'string' ? entry.param_name : undefined;
    if (name === undefined) problems.push(problem(`${at}.param_name`, 'templateRules.example.nameRequired'));
    else if (!names.includes(name)) problems.push(problem(`${at}.param_name`, 'templateRules.example.unknownName', { variable: `{{${name}}}` }));
    else if (given.has(name)) problems.push(problem(`${at}.param_name`, 'templateRules.example.duplicateName', { variable: `{{${name}}}` }));
    if (name !== undefined) given.add(name);
    if (!isRecord(entry) || !nonEmptyString(entry.example)) {
      problems.push(problem(`${at}.example`, 'templateRules.example.empty', { variable: `{{${name ?? ''}}}` }));
    }
  });
  for (const name of names) {
    if (!given.has(name)) problems.push(problem(path, 'templateRules.example.missingName', { variable: `{{${name}}}` }));
  }
}

function checkTextLength(text: string, max: number, path: string, key: string, problems: Problems): void {
  if (length(text) > max) problems.push(problem(path, key, { max, length: length(text) }));
}

function checkHeader(header: Json, path: string, format: ParameterFormat, problems: Problems): void {
  const headerFormat = typeof header.format === 'string' ? header.format.toUpperCase() : undefined;
  if (!oneOf(HEADER_FORMATS, headerFormat)) {
    problems.push(problem(`${path}.format`, 'templateRules.header.formatInvalid', { value: shown(header.format) }));
    return;
  }
  const example = isRecord(header.example) ? header.example : {};
  if (headerFormat === 'LOCATION') return;
  if (headerFormat !== 'TEXT') {
    const handles = example.header_handle;
    if (!Array.isArray(handles) || handles.length === 0 || !handles.every(nonEmptyString)) {
      problems.push(problem(`${path}.example.header_handle`, 'templateRules.header.mediaExampleRequired', { format: headerFormat }));
    }
    return;
  }
  if (!nonEmptyString(header.text)) {
    problems.push(problem(`${path}.text`, 'templateRules.header.textRequired'));
    return;
  }
  const text = header.text;
  checkTextLength(text, TEMPLATE_LIMITS.headerTextLength, `${path}.text`, 'templateRules.header.textTooLong', problems);
  if (/[\r\n]/.test(text)) problems.push(problem(`${path}.text`, 'templateRules.header.lineBreak'));
  const variables = checkVariables(text, `${path}.text`, format, problems);
  const names = distinctVariableNames(variables);
  if (names.length > TEMPLATE_LIMITS.headerVariables) {
    problems.push(problem(`${path}.text`, 'templateRules.header.tooManyVariables', { max: TEMPLATE_LIMITS.headerVariables, count: names.length }));
  }
  if (format === 'NAMED') checkNamedExamples(example.header_text_named_params, names, `${path}.example.header_text_named_params`, problems);
  else checkPositionalExamples(example.header_text, names.length, `${path}.example.header_text`, problems);
}

function checkBody(body: Json, path: string, format: ParameterFormat, authentication: boolean, problems: Problems): void {
  if (authentication) {
    // Meta writes the text of authentication templates itself ("<code> is your verification code").
    if (body.text !== undefined) problems.push(problem(`${path}.text`, 'templateRules.body.textNotAllowedForAuthentication'));
    return;
  }
  if (!nonEmptyString(body.text)) {
    problems.push(problem(`${path}.text`, 'templateRules.body.textRequired'));
    return;
  }
  const text = body.text;
  const at = `${path}.text`;
  checkTextLength(text, TEMPLATE_LIMITS.bodyTextLength, at, 'templateRules.body.textTooLong', problems);
  const variables = checkVariables(text, at, format, problems);
  const all = templateVariables(text);
  const first = all[0];
  const last = all[all.length - 1];
  if (first && text.slice(0, first.start).trim() === '') problems.push(problem(at, 'templateRules.body.variableAtStart', { variable: first.raw }));
  if (last && text.slice(last.end).trim() === '') problems.push(problem(at, 'templateRules.body.variableAtEnd', { variable: last.raw }));
  for (let i = 1; i < all.length; i++) {
    if (text.slice(all[i - 1]!.end, all[i]!.start).trim() === '') {
      problems.push(problem(at, 'templateRules.body.adjacentVariables', { first: all[i - 1]!.raw, second: all[i]!.raw }));
    }
  }
  const names = distinctVariableNames(variables);
  const example = isRecord(body.example) ? body.example : {};
  if (format === 'NAMED') {
    checkNamedExamples(example.body_text_named_params, names, `${path}.example.body_text_named_params`, problems);
    return;
  }
  // Meta nests the values in one more array: body_text: [["v1", "v2"]].
  const rows = example.body_text;
  if (names.length === 0 && rows === undefined) return;
  if (!Array.isArray(rows) || rows.length !== 1) {
    problems.push(problem(`${path}.example.body_text`, 'templateRules.example.required', { count: names.length }));
    return;
  }
  checkPositionalExamples(rows[0], names.length, `${path}.example.body_text[0]`, problems);
}

function checkFooter(footer: Json, path: string, authentication: boolean, problems: Problems): void {
  if (authentication) {
    if (footer.text !== undefined) problems.push(problem(`${path}.text`, 'templateRules.footer.textNotAllowedForAuthentication'));
    const minutes = footer.code_expiration_minutes;
    const { min, max } = TEMPLATE_LIMITS.codeExpirationMinutes;
    if (minutes !== undefined && !(Number.isInteger(minutes) && (minutes as number) >= min && (minutes as number) <= max)) {
      problems.push(problem(`${path}.code_expiration_minutes`, 'templateRules.footer.codeExpirationInvalid', { min, max }));
    }
    return;
  }
  if (!nonEmptyString(footer.text)) {
    problems.push(problem(`${path}.text`, 'templateRules.footer.textRequired'));
    return;
  }
  checkTextLength(footer.text, TEMPLATE_LIMITS.footerTextLength, `${path}.text`, 'templateRules.footer.textTooLong', problems);
  if (templateVariables(footer.text).length > 0 || hasStrayBraces(footer.text)) {
    problems.push(problem(`${path}.text`, 'templateRules.footer.variablesNotAllowed'));
  }
}

function checkButtons(component: Json, path: string, authentication: boolean, problems: Problems): void {
  const buttons = component.buttons;
  if (!Array.isArray(buttons) || buttons.length === 0) {
    problems.push(problem(`${path}.buttons`, 'templateRules.buttons.required'));
    return;
  }
  if (buttons.length > TEMPLATE_LIMITS.buttons) {
    problems.push(problem(`${path}.buttons`, 'templateRules.buttons.tooMany', { max: TEMPLATE_LIMITS.buttons, count: buttons.length }));
  }
  const counts = new Map<ButtonType, number>();
  const types: ButtonType[] = [];
  buttons.forEach((button: unknown, index) => {
    const at = `${path}.buttons[${index}]`;
    if (!isRecord(button)) {
      problems.push(problem(at, 'templateRules.buttons.notAnObject'));
      return;
    }
    const type = typeof button.type === 'string' ? button.type.toUpperCase() : undefined;
    if (!oneOf(BUTTON_TYPES, type)) {
      problems.push(problem(`${at}.type`, 'templateRules.buttons.typeInvalid', { value: shown(button.type) }));
      return;
    }
    counts.set(type, (counts.get(type) ?? 0) + 1);
    types.push(type);
    checkButton(button, type, at, authentication, problems);
  });
  for (const [type, count] of counts) {
    const max = TEMPLATE_LIMITS.buttonsPerType[type];
    if (count > max) problems.push(problem(`${path}.buttons`, 'templateRules.buttons.tooManyOfType', { type, max, count }));
  }
  // Quick replies and the other buttons each form one group (QR, URL, QR is refused by Meta).
  const groups = types.filter((type, i) => i === 0 || (type === 'QUICK_REPLY') !== (types[i - 1] === 'QUICK_REPLY')).length;
  if (groups > 2) problems.push(problem(`${path}.buttons`, 'templateRules.buttons.notGrouped'));
  if (authentication && (types.length !== 1 || types[0] !== 'OTP')) {
    problems.push(problem(`${path}.buttons`, 'templateRules.buttons.authenticationNeedsOtp'));
  }
}

const TEXT_REQUIRED: ReadonlySet<ButtonType> = new Set(['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'FLOW']);

function checkButton(button: Json, type: ButtonType, at: string, authentication: boolean, problems: Problems): void {
  if (button.text !== undefined || TEXT_REQUIRED.has(type)) {
    if (!nonEmptyString(button.text)) problems.push(problem(`${at}.text`, 'templateRules.buttons.textRequired'));
    else {
      checkTextLength(button.text, TEMPLATE_LIMITS.buttonTextLength, `${at}.text`, 'templateRules.buttons.textTooLong', problems);
      if (templateVariables(button.text).length > 0) problems.push(problem(`${at}.text`, 'templateRules.buttons.textVariables'));
    }
  }
  switch (type) {
    case 'URL':
      checkUrlButton(button, at, problems);
      return;
    case 'PHONE_NUMBER':
      if (!nonEmptyString(button.phone_number)) problems.push(problem(`${at}.phone_number`, 'templateRules.buttons.phoneRequired'));
      else if (button.phone_number.length > TEMPLATE_LIMITS.phoneNumberLength || !PHONE_NUMBER.test(button.phone_number)) {
        problems.push(problem(`${at}.phone_number`, 'templateRules.buttons.phoneInvalid', { value: button.phone_number }));
      }
      return;
    case 'COPY_CODE':
      if (!nonEmptyString(button.example)) problems.push(problem(`${at}.example`, 'templateRules.buttons.copyCodeRequired'));
      else {
        checkTextLength(button.example, TEMPLATE_LIMITS.copyCodeLength, `${at}.example`, 'templateRules.buttons.copyCodeTooLong', problems);
      }
      return;
    case 'FLOW':
      if (![button.flow_id, button.flow_name, button.flow_json].some(nonEmptyString)) {
        problems.push(problem(at, 'templateRules.buttons.flowRequired'));
      }
      return;
    case 'OTP':
      checkOtpButton(button, at, authentication, problems);
      return;
    case 'QUICK_REPLY':
      return;
  }
}

function checkUrlButton(button: Json, at: string, problems: Problems): void {
  if (!nonEmptyString(button.url)) {
    problems.push(problem(`${at}.url`, 'templateRules.buttons.urlRequired'));
    return;
  }
  const url = button.url;
  if (!HTTP_URL.test(url)) problems.push(problem(`${at}.url`, 'templateRules.buttons.urlInvalid', { value: url }));
  if (url.length > TEMPLATE_LIMITS.urlLength) {
    problems.push(problem(`${at}.url`, 'templateRules.buttons.urlTooLong', { max: TEMPLATE_LIMITS.urlLength, length: url.length }));
  }
  const variables = templateVariables(url);
  if (variables.length === 0) return;
  // Meta allows one suffix variable, always numbered {{1}}, even in NAMED templates.
  if (variables.length > 1 || variables[0]!.raw !== '{{1}}' || variables[0]!.end !== url.length) {
    problems.push(problem(`${at}.url`, 'templateRules.buttons.urlVariable'));
  }
  const example = Array.isArray(button.example) ? button.example : undefined;
  if (!example || example.length !== 1 || !nonEmptyString(example[0])) {
    problems.push(problem(`${at}.example`, 'templateRules.buttons.urlExampleRequired'));
  }
}

function checkOtpButton(button: Json, at: string, authentication: boolean, problems: Problems): void {
  if (!authentication) {
    problems.push(problem(`${at}.type`, 'templateRules.buttons.otpOnlyForAuthentication'));
    return;
  }
  if (!oneOf(OTP_TYPES, button.otp_type)) {
    problems.push(problem(`${at}.otp_type`, 'templateRules.buttons.otpTypeInvalid', { value: shown(button.otp_type) }));
    return;
  }
  if (button.otp_type === 'COPY_CODE') return;
  const apps = Array.isArray(button.supported_apps) ? button.supported_apps : [];
  const hasApp =
    apps.some((app: unknown) => isRecord(app) && nonEmptyString(app.package_name) && nonEmptyString(app.signature_hash)) ||
    (nonEmptyString(button.package_name) && nonEmptyString(button.signature_hash));
  if (!hasApp) problems.push(problem(`${at}.supported_apps`, 'templateRules.buttons.otpAppRequired', { otpType: button.otp_type }));
}
