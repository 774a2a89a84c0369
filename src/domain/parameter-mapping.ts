import type { ParameterMapping } from './campaign-kinds.js';

/** What a recipient's parameters may be taken from. */
export interface RecipientFields {
  name: string | null;
  phone: string | null;
  crmLabel: string | null;
  attributes: Readonly<Record<string, string>>;
  /** The recipient's own row (CSV columns, host audience fields). */
  values: Readonly<Record<string, string>>;
}

export interface ResolvedParameters {
  /** By slot key, ready for buildTemplateSendComponents. */
  values: Record<string, string>;
  /** Slots whose source had no value for this recipient. */
  missing: string[];
}

/**
 * Each template parameter's value for one recipient. A blank value is missing: Meta refuses an
 * empty parameter (131008), so such a recipient is skipped with the reason rather than sent a
 * broken message.
 */
export function resolveParameters(mappings: Readonly<Record<string, ParameterMapping>>, recipient: RecipientFields): ResolvedParameters {
  const values: Record<string, string> = {};
  const missing: string[] = [];
  for (const [slot, mapping] of Object.entries(mappings)) {
    const value = valueOf(mapping, recipient)?.trim();
    if (value) values[slot] = value;
    else missing.push(slot);
  }
  return { values, missing };
}

function valueOf(mapping: ParameterMapping, recipient: RecipientFields): string | null | undefined {
  switch (mapping.source) {
    case 'text':
      return mapping.text;
    case 'column':
      return recipient.values[mapping.column];
    case 'contact':
      if (mapping.field === 'name') return recipient.name;
      if (mapping.field === 'phone') return recipient.phone;
      if (mapping.field === 'crm_label') return recipient.crmLabel;
      if (mapping.field.startsWith('attribute:')) return recipient.attributes[mapping.field.slice('attribute:'.length)];
      return null;
  }
}
