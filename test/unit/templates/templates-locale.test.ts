import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { adminLocale } from '../../../src/admin/admin-locale.js';

function lookup(messages: Record<string, unknown>, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], messages);
}

describe('template texts in English', () => {
  const messages = (adminLocale().translations!.en as { messages: Record<string, unknown> }).messages;

  it('labels every field of the form', () => {
    const form = readFileSync('src/admin/components/template-form.jsx', 'utf8');
    const fields = new Set([...form.matchAll(/(?:text|field)\('([a-zA-Z]+)'/g)].map((m) => m[1]!));
    const buttonFields = new Set([...form.matchAll(/`buttons\.\$\{row\}\.([a-zA-Z]+)`/g)].map((m) => m[1]!));
    expect(fields.size).to.be.greaterThan(8);
    expect([...fields].filter((field) => typeof lookup(messages, `templates.form.fields.${field}`) !== 'string')).to.deep.equal([]);
    expect([...buttonFields].filter((field) => typeof lookup(messages, `templates.form.fields.buttons.${field}`) !== 'string')).to.deep.equal([]);
  });
});
