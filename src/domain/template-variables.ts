/*
 * The `{{…}}` placeholders of a template's text (reference §5). Positional ones are numbers
 * (`{{1}}`), named ones lowercase letters and underscores (`{{first_name}}`), the characters
 * Meta accepts in a parameter name. Anything else between double braces is kept as `invalid`
 * so validation can point at it instead of silently treating it as text.
 */

export interface TemplateVariable {
  /** As written, braces included. */
  raw: string;
  /** The text between the braces: '1' or 'first_name'. */
  name: string;
  kind: 'positional' | 'named' | 'invalid';
  /** Offsets in the text, `end` exclusive. */
  start: number;
  end: number;
}

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
const POSITIONAL = /^[1-9][0-9]*$/;
const NAMED = /^[a-z_]+$/;

function kindOf(name: string): TemplateVariable['kind'] {
  if (POSITIONAL.test(name)) return 'positional';
  if (NAMED.test(name)) return 'named';
  return 'invalid';
}

export function templateVariables(text: string): TemplateVariable[] {
  return [...text.matchAll(PLACEHOLDER)].map((match) => ({
    raw: match[0],
    name: match[1]!,
    kind: kindOf(match[1]!),
    start: match.index,
    end: match.index + match[0].length,
  }));
}

/** Double braces left over once the placeholders are removed: a placeholder typed wrong (`{{1}`). */
export function hasStrayBraces(text: string): boolean {
  const rest = text.replace(PLACEHOLDER, '');
  return rest.includes('{{') || rest.includes('}}');
}

/** The distinct variable names in order of first appearance. */
export function distinctVariableNames(variables: readonly TemplateVariable[]): string[] {
  return [...new Set(variables.map((variable) => variable.name))];
}
