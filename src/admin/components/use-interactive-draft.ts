import { useState } from 'react';
import type { InteractiveMessage } from '../../conversations/send-interactive.js';
import { characterCount, MESSAGE_LIMITS } from '../../domain/message-limits.ts';

export type InteractiveKind = 'button' | 'list' | 'cta_url';

export interface InteractiveFields {
  kind: InteractiveKind;
  header: string;
  body: string;
  footer: string;
  /** Reply buttons' titles (1 to 3). */
  buttons: string[];
  /** The list: the label of its button, its section's title, and its rows (1 to 10). */
  listButton: string;
  sectionTitle: string;
  rows: { title: string; description: string }[];
  /** The call-to-action: the button's label and the page it opens. */
  ctaText: string;
  ctaUrl: string;
}

/** A field over Meta's limit or missing: the field's name, and the limit when it is a length. */
export interface FieldProblem {
  field: string;
  max?: number;
}

const START: InteractiveFields = {
  kind: 'button', header: '', body: '', footer: '', buttons: [''], listButton: '', sectionTitle: '', rows: [{ title: '', description: '' }], ctaText: '', ctaUrl: '',
};

const isWebLink = (value: string): boolean => {
  try {
    return ['http:', 'https:'].includes(new URL(value).protocol);
  } catch {
    return false;
  }
};

/** Every field Meta would refuse, with the limit it breaks (the server checks the same limits again). */
export function interactiveProblems(fields: InteractiveFields): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const length = (field: string, value: string, max: number, required = true) => {
    const count = characterCount(value.trim());
    if ((required && count === 0) || count > max) problems.push({ field, max });
  };
  length('header', fields.header, MESSAGE_LIMITS.interactiveHeaderText, false);
  length('body', fields.body, fields.kind === 'list' ? MESSAGE_LIMITS.listBodyText : MESSAGE_LIMITS.buttonBodyText);
  length('footer', fields.footer, MESSAGE_LIMITS.interactiveFooterText, false);
  if (fields.kind === 'button') {
    fields.buttons.forEach((title, i) => length(`buttons.${i}`, title, MESSAGE_LIMITS.buttonTitle));
    const titles = fields.buttons.map((title) => title.trim());
    if (new Set(titles).size !== titles.length) problems.push({ field: 'buttons.unique' });
  } else if (fields.kind === 'list') {
    length('listButton', fields.listButton, MESSAGE_LIMITS.listButtonLabel);
    length('sectionTitle', fields.sectionTitle, MESSAGE_LIMITS.listSectionTitle, false);
    fields.rows.forEach((row, i) => {
      length(`rows.${i}.title`, row.title, MESSAGE_LIMITS.listRowTitle);
      length(`rows.${i}.description`, row.description, MESSAGE_LIMITS.listRowDescription, false);
    });
  } else {
    length('ctaText', fields.ctaText, MESSAGE_LIMITS.ctaDisplayText);
    if (!isWebLink(fields.ctaUrl.trim())) problems.push({ field: 'ctaUrl' });
  }
  return problems;
}

/** The message in Meta's shape; ids are the positions (`b1`, `r3`): what the customer taps comes back with its title. */
export function interactiveMessage(fields: InteractiveFields): InteractiveMessage {
  const header = fields.header.trim() ? { header: { type: 'text' as const, text: fields.header.trim() } } : {};
  const footer = fields.footer.trim() ? { footer: { text: fields.footer.trim() } } : {};
  const body = { text: fields.body.trim() };
  if (fields.kind === 'button') {
    return { type: 'button', ...header, body, ...footer, action: { buttons: fields.buttons.map((title, i) => ({ type: 'reply', reply: { id: `b${i + 1}`, title: title.trim() } })) } };
  }
  if (fields.kind === 'list') {
    const rows = fields.rows.map((row, i) => ({ id: `r${i + 1}`, title: row.title.trim(), ...(row.description.trim() ? { description: row.description.trim() } : {}) }));
    return { type: 'list', ...header, body, ...footer, action: { button: fields.listButton.trim(), sections: [{ ...(fields.sectionTitle.trim() ? { title: fields.sectionTitle.trim() } : {}), rows }] } };
  }
  return { type: 'cta_url', ...header, body, ...footer, action: { name: 'cta_url', parameters: { display_text: fields.ctaText.trim(), url: fields.ctaUrl.trim() } } };
}

/** The interactive message being built, checked as it is typed. */
export const useInteractiveDraft = () => {
  const [fields, setFields] = useState<InteractiveFields>(START);
  const update = (change: Partial<InteractiveFields>) => setFields((current) => ({ ...current, ...change }));
  const problems = interactiveProblems(fields);
  return { fields, update, problems, message: () => interactiveMessage(fields), reset: () => setFields(START) };
};

export type InteractiveDraftApi = ReturnType<typeof useInteractiveDraft>;
