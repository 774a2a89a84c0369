import type { TemplateAccountChoice } from '../../templates/managed-template-accounts.js';

/** The numbers as a select offers them: the name, with the phone when it is known. */
export const accountChoices = (accounts: readonly TemplateAccountChoice[]): { value: string; label: string }[] =>
  accounts.map((a) => ({ value: a.id, label: a.displayPhoneNumber ? `${a.name} (${a.displayPhoneNumber})` : a.name }));
