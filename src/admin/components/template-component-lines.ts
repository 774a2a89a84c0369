// Meta's template components as stored (JSON of any shape Meta sent), read into the lines the
// show page prints. Nothing here trusts the shape: a missing or odd field prints nothing.

export type StoredComponent = Record<string, unknown>;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** The stored components, those that are objects. */
export const storedComponents = (value: unknown): StoredComponent[] => (Array.isArray(value) ? value.filter(isRecord) : []);

/** `{{1}} = value` or `{{name}} = value` pairs from a component's examples. */
export function examplesOf(component: StoredComponent): [string, unknown][] {
  const example = isRecord(component.example) ? component.example : {};
  const named = example.body_text_named_params ?? example.header_text_named_params;
  if (Array.isArray(named)) return named.filter(isRecord).map((entry) => [`{{${String(entry.param_name)}}}`, entry.example]);
  const positional = Array.isArray(example.body_text) ? example.body_text[0] : example.header_text;
  return Array.isArray(positional) ? positional.map((value, index) => [`{{${index + 1}}}`, value]) : [];
}

/** One button as `[TYPE] text → where it leads`. */
export function buttonLine(button: StoredComponent): string {
  const target = button.url ?? button.phone_number ?? (typeof button.example === 'string' ? button.example : null) ?? button.otp_type ?? button.flow_id;
  return `[${String(button.type)}] ${String(button.text ?? '')}${target ? ` → ${String(target)}` : ''}`;
}
