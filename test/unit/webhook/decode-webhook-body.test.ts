import { expect } from 'chai';
import { decodeWebhookBody } from '../../../src/inbound/webhook/decode-webhook-body.js';

describe('decodeWebhookBody', () => {
  it('keeps a JSON body’s text exactly, escapes and all', () => {
    const text = '{"a":"\\u00e9\\/x", "b" : [1,2]}\n';
    expect(decodeWebhookBody(Buffer.from(text))).to.deep.equal({ storedText: text, unparseableReason: null, json: { a: 'é/x', b: [1, 2] } });
  });

  it('keeps UTF-8 accents and emoji as they are', () => {
    const text = '{"body":"Élève à l’école 👍"}';
    expect(decodeWebhookBody(Buffer.from(text, 'utf8')).storedText).to.equal(text);
  });

  it('marks a body that is not JSON as unparseable and keeps its text', () => {
    const decoded = decodeWebhookBody(Buffer.from('{"entry": [ oops'));
    expect(decoded.storedText).to.equal('{"entry": [ oops');
    expect(decoded.unparseableReason).to.match(/not valid JSON/);
  });

  it('keeps a byte-order mark, which makes the body unparseable rather than silently dropped', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{}')]);
    const decoded = decodeWebhookBody(bytes);
    expect(Buffer.from(decoded.storedText, 'utf8').equals(bytes)).to.equal(true);
    expect(decoded.unparseableReason).to.match(/not valid JSON/);
  });

  it('stores a body that is not UTF-8 as base64, byte for byte', () => {
    const bytes = Buffer.from([0x7b, 0x22, 0xe9, 0x22, 0x7d]);
    const decoded = decodeWebhookBody(bytes);
    expect(decoded.unparseableReason).to.match(/not valid UTF-8/);
    expect(Buffer.from(decoded.storedText, 'base64').equals(bytes)).to.equal(true);
  });

  it('stores a body with a NUL byte (which PostgreSQL text cannot hold) as base64', () => {
    const bytes = Buffer.from('{"a":"\u0000"}');
    const decoded = decodeWebhookBody(bytes);
    expect(decoded.unparseableReason).to.match(/NUL/);
    expect(Buffer.from(decoded.storedText, 'base64').equals(bytes)).to.equal(true);
  });
});
