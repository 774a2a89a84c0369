/**
 * Placeholders in canned replies: `{{contact.name}}`, `{{agent.name}}`, `{{crm.label}}` and the
 * matched CRM record's fields as `{{crm.<field>}}`. Filled for a conversation before the agent
 * sends; a placeholder with no value stays as written and is reported, so the agent sees what
 * to complete instead of sending a blank.
 */
const PLACEHOLDER = /{{\s*([a-z][\w]*(?:\.[\w-]+)*)\s*}}/gi;

export interface FilledText {
  text: string;
  /** Placeholders that had no value (each once, in order of appearance). */
  missing: string[];
}

export function fillPlaceholders(body: string, values: Readonly<Record<string, string | null | undefined>>): FilledText {
  const missing = new Set<string>();
  const text = body.replace(PLACEHOLDER, (whole, name: string) => {
    const value = values[name.toLowerCase()] ?? values[name];
    if (value === null || value === undefined || value === '') {
      missing.add(name);
      return whole;
    }
    return value;
  });
  return { text, missing: [...missing] };
}
