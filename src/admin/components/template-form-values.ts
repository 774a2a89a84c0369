import type { RecordJSON } from 'adminjs';

/** The form's fields, flat as AdminJS posts them: one string per field, checkboxes as 'true'/'false'. */
export type TemplateFormValues = Record<string, string>;

// The fields the server reads (src/templates/template-form.ts); everything else in a record's params is left out.
const FORM_KEY =
  /^(accountId|name|language|category|parameterFormat|headerFormat|headerText|headerHandle|bodyText|footerText|codeExpirationMinutes|addSecurityRecommendation|allowCategoryChange|(header|body)Examples\..+|buttons\.\d+\.[a-zA-Z]+)$/;

/** A new template starts positional; an edited one from what the server made of the stored template. */
export function initialValues(record: RecordJSON | undefined): TemplateFormValues {
  const values: TemplateFormValues = { parameterFormat: 'POSITIONAL' };
  for (const [key, value] of Object.entries(record?.params ?? {})) {
    if (FORM_KEY.test(key) && value !== null && value !== undefined) values[key] = String(value);
  }
  return values;
}

/** The numbers of the button rows present, in order. */
export function buttonRows(values: TemplateFormValues): number[] {
  const rows = new Set<number>();
  for (const key of Object.keys(values)) {
    const match = /^buttons\.(\d+)\./.exec(key);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows].sort((a, b) => a - b);
}
