import { randomInt } from 'node:crypto';
import type { MetaErrorSpec } from './meta-error-catalog.js';

/** A template as the sandbox keeps it: Meta's listing shape plus the WABA it belongs to. */
export interface SandboxTemplate {
  id: string;
  wabaId: string;
  name: string;
  language: string;
  status: string;
  category: string;
  parameter_format: 'POSITIONAL' | 'NAMED';
  components: Record<string, unknown>[];
  quality_score?: { score: string };
  rejected_reason?: string;
}

/** What a test or the runnable app seeds: a definition, APPROVED unless it says otherwise. */
export interface SeedTemplate {
  name: string;
  language: string;
  category: string;
  components: Record<string, unknown>[];
  parameter_format?: 'POSITIONAL' | 'NAMED';
  status?: string;
  id?: string;
  quality_score?: { score: string };
  rejected_reason?: string;
}

export interface TemplateFilters {
  name?: string;
  status?: string;
  language?: string;
  category?: string;
}

// Meta blocks the name of a deleted approved template for 30 days.
const NAME_BLOCKED_MS = 30 * 24 * 60 * 60 * 1000;

/** Templates per WABA, in creation order (the listing's order). */
export class SandboxTemplateStore {
  private readonly templates = new Map<string, SandboxTemplate>();
  private readonly deletedNames = new Map<string, number>();

  seed(wabaId: string, seeds: SeedTemplate[]): SandboxTemplate[] {
    return seeds.map((seed) => this.put(wabaId, seed, seed.status ?? 'APPROVED'));
  }

  put(wabaId: string, definition: SeedTemplate, status: string): SandboxTemplate {
    const template: SandboxTemplate = {
      id: definition.id ?? String(randomInt(100_000_000_000_000, 281_000_000_000_000)),
      wabaId,
      name: definition.name,
      language: definition.language,
      status,
      category: definition.category,
      parameter_format: definition.parameter_format ?? 'POSITIONAL',
      components: structuredClone(definition.components),
      ...(definition.quality_score ? { quality_score: definition.quality_score } : {}),
      ...(definition.rejected_reason ? { rejected_reason: definition.rejected_reason } : {}),
    };
    this.templates.set(template.id, template);
    return template;
  }

  byId(id: string): SandboxTemplate | undefined {
    return this.templates.get(id);
  }

  list(wabaId: string, filters: TemplateFilters = {}): SandboxTemplate[] {
    return [...this.templates.values()].filter(
      (t) =>
        t.wabaId === wabaId &&
        (!filters.name || t.name.includes(filters.name)) &&
        (!filters.status || t.status === filters.status.toUpperCase()) &&
        (!filters.language || t.language === filters.language) &&
        (!filters.category || t.category === filters.category.toUpperCase()),
    );
  }

  /** The template a send names; `wabaId` null looks in every WABA (numbers the sandbox was not told about). */
  find(wabaId: string | null, name: string, language: string): SandboxTemplate | undefined {
    for (const template of this.templates.values()) {
      if ((wabaId === null || template.wabaId === wabaId) && template.name === name && template.language === language) return template;
    }
    return undefined;
  }

  hasWaba(wabaId: string): boolean {
    return [...this.templates.values()].some((t) => t.wabaId === wabaId);
  }

  isNameBlocked(wabaId: string, name: string, now = Date.now()): boolean {
    const deletedAt = this.deletedNames.get(`${wabaId}/${name}`);
    return deletedAt !== undefined && now - deletedAt < NAME_BLOCKED_MS;
  }

  /** Deletes every language of a name, or only the template `hsmId`; returns how many went. */
  delete(wabaId: string, name: string, hsmId?: string): SandboxTemplate[] {
    const gone = this.list(wabaId).filter((t) => t.name === name && (hsmId === undefined || t.id === hsmId));
    for (const template of gone) {
      this.templates.delete(template.id);
      if (template.status === 'APPROVED') this.deletedNames.set(`${wabaId}/${name}`, Date.now());
    }
    return gone;
  }

  all(): SandboxTemplate[] {
    return [...this.templates.values()];
  }

  clear(): void {
    this.templates.clear();
    this.deletedNames.clear();
  }
}

interface Expectation {
  count: number;
  names: string[];
  /** For a header: TEXT, IMAGE, VIDEO, DOCUMENT or LOCATION. */
  format?: string;
}

/**
 * Whether a template send fits the stored template: approved, and the parameters of each
 * component match its placeholders in count and kind. Null when it does.
 */
export function templateSendProblem(template: SandboxTemplate, components: Record<string, unknown>[]): MetaErrorSpec | null {
  if (template.status === 'PAUSED') return { code: 132015 };
  if (template.status === 'DISABLED') return { code: 132016 };
  if (template.status !== 'APPROVED') {
    return { code: 132001, details: `template name (${template.name}) does not exist in ${template.language} or is ${template.status}, not APPROVED` };
  }
  const sent = (type: string, index?: string) =>
    components.find((c) => c.type === type && (index === undefined || String(c.index) === index))?.parameters as Record<string, unknown>[] | undefined;

  const header = template.components.find((c) => c.type === 'HEADER');
  if (header) {
    const expected = headerExpectation(header);
    const parameters = sent('header') ?? [];
    if (parameters.length !== expected.count) return countMismatch('header', parameters.length, expected.count);
    if (expected.format && expected.format !== 'TEXT' && parameters[0]?.type !== expected.format.toLowerCase()) {
      return { code: 132012, details: `header: Format mismatch, expected ${expected.format}, received ${String(parameters[0]?.type).toUpperCase()}` };
    }
    const names = namedProblem('header', template, expected, parameters);
    if (names) return names;
  } else if (sent('header')) {
    return countMismatch('header', sent('header')!.length, 0);
  }

  const body = template.components.find((c) => c.type === 'BODY');
  // Meta writes an authentication template's body itself: "{{1}} is your verification code."
  const bodyText = typeof body?.text === 'string' ? body.text : template.category === 'AUTHENTICATION' ? '{{1}}' : '';
  const bodyExpected = placeholders(bodyText);
  const bodyParameters = sent('body') ?? [];
  if (bodyParameters.length !== bodyExpected.count) return countMismatch('body', bodyParameters.length, bodyExpected.count);
  const kinds = bodyParameters.find((p) => !['text', 'currency', 'date_time'].includes(String(p.type)));
  if (kinds) return { code: 132012, details: `body: parameter type ${String(kinds.type)} is not allowed in the body` };
  const bodyNames = namedProblem('body', template, bodyExpected, bodyParameters);
  if (bodyNames) return bodyNames;

  const buttons = (template.components.find((c) => c.type === 'BUTTONS')?.buttons ?? []) as Record<string, unknown>[];
  for (const [index, button] of buttons.entries()) {
    const required = requiredButtonParameter(button);
    if (!required) continue;
    const parameters = sent('button', String(index));
    if (!parameters || parameters.length !== 1) return countMismatch(`buttons[${index}]`, parameters?.length ?? 0, 1);
    if (parameters[0]?.type !== required) {
      return { code: 132012, details: `buttons[${index}]: expected a ${required} parameter, received ${String(parameters[0]?.type)}` };
    }
  }
  return null;
}

function headerExpectation(header: Record<string, unknown>): Expectation {
  const format = typeof header.format === 'string' ? header.format.toUpperCase() : 'TEXT';
  if (format !== 'TEXT') return { count: 1, names: [], format };
  return { ...placeholders(typeof header.text === 'string' ? header.text : ''), format };
}

/** The placeholders of a text, each counted once: `{{1}}`, `{{2}}` or `{{first_name}}`. */
export function placeholders(text: string): { count: number; names: string[] } {
  const names = [...new Set([...text.matchAll(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g)].map((m) => m[1]!))];
  return { count: names.length, names };
}

// The send-time parameter a button needs: a URL suffix, a coupon code, an OTP code.
function requiredButtonParameter(button: Record<string, unknown>): string | null {
  if (button.type === 'URL' && typeof button.url === 'string' && /\{\{/.test(button.url)) return 'text';
  if (button.type === 'COPY_CODE') return 'coupon_code';
  if (button.type === 'OTP' && button.otp_type !== 'ZERO_TAP') return 'text';
  return null;
}

function namedProblem(where: string, template: SandboxTemplate, expected: Expectation, parameters: Record<string, unknown>[]): MetaErrorSpec | null {
  if (template.parameter_format !== 'NAMED' || expected.names.length === 0) return null;
  const given = new Set(parameters.filter((p) => p.type === 'text' || p.type === 'currency' || p.type === 'date_time').map((p) => p.parameter_name));
  const missing = expected.names.filter((name) => !given.has(name));
  if (missing.length === 0) return null;
  return { code: 131008, details: `${where}: missing parameter_name ${missing.join(', ')}` };
}

function countMismatch(where: string, received: number, expected: number): MetaErrorSpec {
  return {
    code: 132000,
    details: `${where}: number of localizable_params (${received}) does not match the expected number of params (${expected})`,
  };
}
