import { expect } from 'chai';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { adminLocale } from '../../../src/i18n/locale-files.js';

function lookup(messages: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe('template texts in English', () => {
  const messages = (adminLocale().translations!.en as { messages: Record<string, unknown> }).messages;

  it('labels every field of the form', () => {
    const dir = 'src/admin/components';
    const form = readdirSync(dir)
      .filter((name) => name.startsWith('template-form'))
      .map((name) => readFileSync(path.join(dir, name), 'utf8'))
      .join('\n');
    const fields = new Set([...form.matchAll(/(?:text|field)\('([a-zA-Z]+)'/g)].map((m) => m[1]!));
    const buttonFields = new Set([...form.matchAll(/`buttons\.\$\{row\}\.([a-zA-Z]+)`/g)].map((m) => m[1]!));
    expect(fields.size).to.be.greaterThan(8);
    expect([...fields].filter((field) => typeof lookup(messages, `templates.form.fields.${field}`) !== 'string')).to.deep.equal([]);
    expect([...buttonFields].filter((field) => typeof lookup(messages, `templates.form.fields.buttons.${field}`) !== 'string')).to.deep.equal([]);
  });
});
