import type { MetaErrorSpec } from './meta-error-catalog.js';
import { placeholders } from './sandbox-template-store.js';

const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];
const HEADER_FORMATS = ['TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'];
const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'FLOW', 'OTP', 'CATALOG', 'MPM'];
const NAMED_PARAMETER = /^[a-z][a-z0-9_]*$/;

const invalid = (details: string): MetaErrorSpec => ({ code: 100, details });

/**
 * Meta's checks on a template submitted to `POST /{waba-id}/message_templates` (reference §5):
 * the name, the category, one body, placeholders numbered from 1 without gaps (or named, for
 * NAMED templates) and a sample value for every one of them. Null when it passes.
 */
export function templateDefinitionProblem(definition: Record<string, unknown>): MetaErrorSpec | null {
  if (typeof definition.name !== 'string' || !/^[a-z0-9_]{1,512}$/.test(definition.name)) {
    return invalid('Param name must be lowercase letters, digits and underscores, at most 512 characters.');
  }
  if (typeof definition.language !== 'string' || !/^[a-z]{2,3}(_[A-Z]{2})?$/.test(definition.language)) {
    return invalid('Param language must be a language code such as en or en_US.');
  }
  if (typeof definition.category !== 'string' || !CATEGORIES.includes(definition.category)) {
    return invalid(`Param category must be one of {${CATEGORIES.join(', ')}}.`);
  }
  const format = definition.parameter_format ?? 'POSITIONAL';
  if (format !== 'POSITIONAL' && format !== 'NAMED') return invalid('Param parameter_format must be one of {POSITIONAL, NAMED}.');
  return componentsProblem(definition.components, format, definition.category);
}

export function componentsProblem(components: unknown, format: 'POSITIONAL' | 'NAMED', category: string): MetaErrorSpec | null {
  if (!Array.isArray(components) || components.length === 0) return invalid('Param components is required.');
  const seen = new Set<string>();
  for (const component of components as unknown[]) {
    if (!isRecord(component) || typeof component.type !== 'string') return invalid('Param components[]: each component needs a type.');
    const type = component.type.toUpperCase();
    if (seen.has(type)) return invalid(`Param components: at most one ${type} component.`);
    seen.add(type);
    const problem =
      type === 'HEADER'
        ? headerProblem(component, format)
        : type === 'BODY'
          ? bodyProblem(component, format, category)
          : type === 'FOOTER'
            ? footerProblem(component)
            : type === 'BUTTONS'
              ? buttonsProblem(component)
              : invalid(`Param components[]['type'] must be one of {HEADER, BODY, FOOTER, BUTTONS}, got ${component.type}.`);
    if (problem) return problem;
  }
  if (!seen.has('BODY')) return invalid('Param components must contain a BODY component.');
  return null;
}

function headerProblem(header: Record<string, unknown>, format: 'POSITIONAL' | 'NAMED'): MetaErrorSpec | null {
  const headerFormat = typeof header.format === 'string' ? header.format.toUpperCase() : '';
  if (!HEADER_FORMATS.includes(headerFormat)) return invalid(`Param HEADER format must be one of {${HEADER_FORMATS.join(', ')}}.`);
  if (headerFormat !== 'TEXT') return null;
  if (typeof header.text !== 'string' || header.text === '' || [...header.text].length > 60) return invalid('Param HEADER text is required, at most 60 characters.');
  const found = placeholders(header.text);
  if (found.count > 1) return invalid('Param HEADER text may contain at most one variable.');
  const example = isRecord(header.example) ? header.example : {};
  return variablesProblem('HEADER', found.names, format, example.header_text, example.header_text_named_params, (rows) => rows);
}

function bodyProblem(body: Record<string, unknown>, format: 'POSITIONAL' | 'NAMED', category: string): MetaErrorSpec | null {
  if (category === 'AUTHENTICATION' && body.text === undefined) return null;
  if (typeof body.text !== 'string' || body.text === '' || [...body.text].length > 1024) return invalid('Param BODY text is required, at most 1024 characters.');
  const example = isRecord(body.example) ? body.example : {};
  return variablesProblem('BODY', placeholders(body.text).names, format, example.body_text, example.body_text_named_params, (rows) =>
    Array.isArray(rows) ? rows[0] : undefined,
  );
}

function variablesProblem(
  where: string,
  names: string[],
  format: 'POSITIONAL' | 'NAMED',
  positionalExample: unknown,
  namedExample: unknown,
  firstRow: (rows: unknown[]) => unknown,
): MetaErrorSpec | null {
  if (names.length === 0) return null;
  if (format === 'POSITIONAL') {
    const numbers = names.map(Number);
    if (numbers.some((n) => !Number.isInteger(n))) return invalid(`${where}: named variables need parameter_format NAMED.`);
    const sorted = [...numbers].sort((a, b) => a - b);
    if (sorted.some((n, i) => n !== i + 1)) return invalid(`${where}: variables must be numbered {{1}}, {{2}}… without gaps.`);
    const row = Array.isArray(positionalExample) ? firstRow(positionalExample) : undefined;
    if (!Array.isArray(row) || row.length !== names.length) {
      return invalid(`${where}: an example value is required for each of the ${names.length} variables.`);
    }
    return null;
  }
  if (names.some((name) => !NAMED_PARAMETER.test(name))) return invalid(`${where}: named variables are lowercase letters, digits and underscores.`);
  const examples = Array.isArray(namedExample) ? namedExample.filter(isRecord).map((e) => e.param_name) : [];
  const missing = names.filter((name) => !examples.includes(name));
  if (missing.length > 0) return invalid(`${where}: an example value is required for ${missing.join(', ')}.`);
  return null;
}

function footerProblem(footer: Record<string, unknown>): MetaErrorSpec | null {
  if (footer.text === undefined) return null;
  if (typeof footer.text !== 'string' || [...footer.text].length > 60) return invalid('Param FOOTER text must be at most 60 characters.');
  if (placeholders(footer.text).count > 0) return invalid('Param FOOTER text cannot contain variables.');
  return null;
}

function buttonsProblem(component: Record<string, unknown>): MetaErrorSpec | null {
  const buttons = component.buttons;
  if (!Array.isArray(buttons) || buttons.length === 0 || buttons.length > 10) return invalid('Param BUTTONS must have 1 to 10 buttons.');
  for (const button of buttons as unknown[]) {
    if (!isRecord(button) || typeof button.type !== 'string' || !BUTTON_TYPES.includes(button.type)) {
      return invalid(`Param BUTTONS: each button type must be one of {${BUTTON_TYPES.join(', ')}}.`);
    }
    if (['QUICK_REPLY', 'URL', 'PHONE_NUMBER'].includes(button.type) && (typeof button.text !== 'string' || button.text === '' || [...button.text].length > 25)) {
      return invalid(`Param BUTTONS: a ${button.type} button needs a text of at most 25 characters.`);
    }
    if (button.type === 'URL') {
      if (typeof button.url !== 'string' || !/^https?:\/\//.test(button.url)) return invalid('Param BUTTONS: a URL button needs an http(s) url.');
      if (/\{\{/.test(button.url) && (!Array.isArray(button.example) || button.example.length === 0)) {
        return invalid('Param BUTTONS: a URL button with a variable needs an example.');
      }
    }
    if (button.type === 'PHONE_NUMBER' && (typeof button.phone_number !== 'string' || !/^\+?\d{5,20}$/.test(button.phone_number))) {
      return invalid('Param BUTTONS: a PHONE_NUMBER button needs a phone_number.');
    }
    if (button.type === 'COPY_CODE' && (typeof button.example !== 'string' || button.example === '')) {
      return invalid('Param BUTTONS: a COPY_CODE button needs an example code.');
    }
  }
  return null;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
