import type { TemplateParameterKind, TemplateParameterSlot, TemplateParameterValue } from '../../domain/template-parameters.js';
import type { SendableTemplate } from '../../conversations/read/sendable-templates.js';

const MEDIA_SLOT_KINDS = ['image', 'video', 'document'] as const;

/** Slots filled with a link to the file. */
export const isMediaSlot = (kind: TemplateParameterKind): kind is (typeof MEDIA_SLOT_KINDS)[number] => (MEDIA_SLOT_KINDS as readonly string[]).includes(kind);

/** What the agent typed in one field, as the value the server expects for that kind of slot. */
export const slotValue = (slot: TemplateParameterSlot, typed: string): TemplateParameterValue => {
  if (isMediaSlot(slot.kind)) return { kind: slot.kind, link: typed };
  if (slot.kind === 'payload') return { kind: 'payload', payload: typed };
  if (slot.kind === 'coupon_code') return { kind: 'coupon_code', couponCode: typed };
  if (slot.kind === 'location') {
    // Sent as typed, a half-typed pair included: the server says what is wrong with it.
    const [latitude, longitude] = typed.split(/[,،]/).map((part) => Number(part.trim()));
    return { kind: 'location', latitude: latitude!, longitude: longitude! };
  }
  return typed;
};

/** The values of the fields filled in, by slot key. */
export const slotValues = (template: SendableTemplate, typed: Readonly<Record<string, string>>): Record<string, TemplateParameterValue> => {
  const values: Record<string, TemplateParameterValue> = {};
  for (const slot of template.slots) {
    const text = (typed[slot.key] ?? '').trim();
    if (text) values[slot.key] = slotValue(slot, text);
  }
  return values;
};

/** The body as it will read, each {{parameter}} replaced by what was typed so far. */
export const templatePreview = (template: SendableTemplate, typed: Readonly<Record<string, string>>): string =>
  template.bodyText.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name: string) => typed[`body:${name}`]?.trim() || whole);

/** `fr_FR` and `fr` are both French. */
export const baseLanguage = (code: string | null | undefined): string => (code ?? '').toLowerCase().split(/[_-]/)[0]!;
