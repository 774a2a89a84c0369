import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import fc from 'fast-check';
import {
  buildTemplateSendComponents,
  templateParameterSlots,
  type StoredTemplate,
  type TemplateParameterValue,
  type TemplateSendProblem,
} from '../../../src/domain/template-parameters.js';

const texts = JSON.parse(readFileSync(new URL('../../../locales/en/template-parameters.json', import.meta.url), 'utf8'));

// Shapes as Meta's templates list returns them.
const positional: StoredTemplate = {
  status: 'APPROVED',
  components: [
    { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['A-1001'] } },
    { type: 'BODY', text: 'Hello {{1}}, order {{2}} ships on {{3}}.', example: { body_text: [['Amina', 'A-1001', 'June 3']] } },
    { type: 'FOOTER', text: 'Reply STOP to opt out' },
    {
      type: 'BUTTONS',
      buttons: [
        { type: 'QUICK_REPLY', text: 'Stop promotions' },
        { type: 'URL', text: 'Track', url: 'https://shop.example.com/track/{{1}}', example: ['https://shop.example.com/track/A-1001'] },
        { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+213555123456' },
        { type: 'COPY_CODE', text: 'Copy offer code', example: ['SUMMER25'] },
      ],
    },
  ],
};

const named: StoredTemplate = {
  status: 'APPROVED',
  components: [
    { type: 'HEADER', format: 'IMAGE', example: { header_handle: ['https://scontent.example/sample.jpg'] } },
    {
      type: 'BODY',
      text: 'Dear {{first_name}}, you owe {{total}} by {{due_date}}. Thanks {{first_name}}!',
      example: {
        body_text_named_params: [
          { param_name: 'first_name', example: 'Amina' },
          { param_name: 'total', example: '25 €' },
          { param_name: 'due_date', example: 'June 3' },
        ],
      },
    },
  ],
};

const authentication: StoredTemplate = {
  status: 'APPROVED',
  components: [
    { type: 'BODY', text: '*{{1}}* is your verification code.', add_security_recommendation: true },
    { type: 'FOOTER', text: 'This code expires in 10 minutes.' },
    { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copy code' }] },
  ],
};

const withHeader = (header: Record<string, unknown>): StoredTemplate => ({
  status: 'APPROVED',
  components: [header, { type: 'BODY', text: 'Here is your file.' }],
});

const problemsOf = (result: ReturnType<typeof buildTemplateSendComponents>): TemplateSendProblem[] => (result.ok ? [] : result.problems);
const codes = (result: ReturnType<typeof buildTemplateSendComponents>) => problemsOf(result).map((p) => `${p.code} ${p.slot}`);

const positionalValues: Record<string, TemplateParameterValue> = {
  'header:1': 'A-1001',
  'body:1': 'Amina',
  'body:2': 'A-1001',
  'body:3': 'June 3',
  'button:1:1': 'A-1001',
  'button:3:coupon_code': { kind: 'coupon_code', couponCode: 'SUMMER25' },
};

describe('templateParameterSlots', () => {
  it('asks for each header, body and button parameter of a positional template', () => {
    expect(templateParameterSlots(positional)).to.deep.equal([
      { key: 'header:1', component: 'header', name: '1', kind: 'text', accepts: ['text'], required: true, example: 'A-1001' },
      { key: 'body:1', component: 'body', name: '1', kind: 'text', accepts: ['text', 'currency', 'date_time'], required: true, example: 'Amina' },
      { key: 'body:2', component: 'body', name: '2', kind: 'text', accepts: ['text', 'currency', 'date_time'], required: true, example: 'A-1001' },
      { key: 'body:3', component: 'body', name: '3', kind: 'text', accepts: ['text', 'currency', 'date_time'], required: true, example: 'June 3' },
      { key: 'button:0:payload', component: 'button', index: 0, name: 'payload', kind: 'payload', accepts: ['payload'], required: false },
      { key: 'button:1:1', component: 'button', index: 1, name: '1', kind: 'text', accepts: ['text'], required: true, example: 'https://shop.example.com/track/A-1001' },
      { key: 'button:3:coupon_code', component: 'button', index: 3, name: 'coupon_code', kind: 'coupon_code', accepts: ['coupon_code'], required: true, example: 'SUMMER25' },
    ]);
  });

  it('names the fields of a named template once each, in order of appearance', () => {
    expect(templateParameterSlots(named)).to.deep.equal([
      { key: 'header:image', component: 'header', name: 'image', kind: 'image', accepts: ['image'], required: true, example: 'https://scontent.example/sample.jpg' },
      { key: 'body:first_name', component: 'body', name: 'first_name', kind: 'text', accepts: ['text', 'currency', 'date_time'], required: true, example: 'Amina' },
      { key: 'body:total', component: 'body', name: 'total', kind: 'text', accepts: ['text', 'currency', 'date_time'], required: true, example: '25 €' },
      { key: 'body:due_date', component: 'body', name: 'due_date', kind: 'text', accepts: ['text', 'currency', 'date_time'], required: true, example: 'June 3' },
    ]);
  });

  it('numbers positional body fields in order even when the text uses them out of order or twice', () => {
    const template = { components: [{ type: 'BODY', text: 'From {{2}} to {{1}}, again {{2}}.', example: { body_text: [['Oran', 'Algiers']] } }] };
    expect(templateParameterSlots(template).map((s) => [s.key, s.example])).to.deep.equal([
      ['body:1', 'Oran'],
      ['body:2', 'Algiers'],
    ]);
  });

  it('asks for the one-time password of an authentication template in the body and its button', () => {
    expect(templateParameterSlots(authentication).map((s) => s.key)).to.deep.equal(['body:1', 'button:0:1']);
  });

  const headers: Array<[string, Record<string, unknown>, string[]]> = [
    ['video header', { type: 'HEADER', format: 'VIDEO', example: { header_handle: ['h'] } }, ['header:video video']],
    ['document header', { type: 'HEADER', format: 'DOCUMENT' }, ['header:document document']],
    ['location header', { type: 'HEADER', format: 'LOCATION' }, ['header:location location']],
    ['text header without variable', { type: 'HEADER', format: 'TEXT', text: 'Welcome' }, []],
    ['header of an unknown format', { type: 'HEADER', format: 'HOLOGRAM' }, []],
  ];
  for (const [name, header, expected] of headers) {
    it(name, () => {
      expect(templateParameterSlots(withHeader(header)).map((s) => `${s.key} ${s.kind}`)).to.deep.equal(expected);
    });
  }

  it('asks nothing for static URL, phone and flow buttons', () => {
    const template = {
      components: [
        { type: 'BODY', text: 'Hi.' },
        { type: 'BUTTONS', buttons: [{ type: 'URL', text: 'Shop', url: 'https://shop.example.com' }, { type: 'PHONE_NUMBER', phone_number: '+1555' }, { type: 'FLOW', flow_id: '1' }] },
      ],
    };
    expect(templateParameterSlots(template)).to.deep.equal([]);
  });

  it('never throws on a stored template of an unexpected shape', () => {
    fc.assert(
      fc.property(fc.anything(), (components) => {
        expect(templateParameterSlots({ components })).to.be.an('array');
      }),
    );
  });
});

describe('buildTemplateSendComponents', () => {
  it('builds header, body and button parameters of a positional template', () => {
    expect(buildTemplateSendComponents(positional, { ...positionalValues, 'button:0:payload': { kind: 'payload', payload: 'STOP' } })).to.deep.equal({
      ok: true,
      components: [
        { type: 'header', parameters: [{ type: 'text', text: 'A-1001' }] },
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Amina' },
            { type: 'text', text: 'A-1001' },
            { type: 'text', text: 'June 3' },
          ],
        },
        { type: 'button', sub_type: 'quick_reply', index: '0', parameters: [{ type: 'payload', payload: 'STOP' }] },
        { type: 'button', sub_type: 'url', index: '1', parameters: [{ type: 'text', text: 'A-1001' }] },
        { type: 'button', sub_type: 'copy_code', index: '3', parameters: [{ type: 'coupon_code', coupon_code: 'SUMMER25' }] },
      ],
    });
  });

  it('leaves out a quick-reply button whose payload was not given', () => {
    const result = buildTemplateSendComponents(positional, positionalValues);
    expect(result.ok && result.components.map((c) => ('sub_type' in c ? c.sub_type : c.type))).to.deep.equal(['header', 'body', 'url', 'copy_code']);
  });

  it('names every header and body parameter of a named template, and accepts currency and date-time values', () => {
    const result = buildTemplateSendComponents(named, {
      'header:image': { kind: 'image', link: 'https://cdn.example.com/invoice.jpg' },
      'body:first_name': { kind: 'text', text: 'Amina' },
      'body:total': { kind: 'currency', fallbackValue: '25.50 €', code: 'EUR', amount1000: 25500 },
      'body:due_date': { kind: 'date_time', fallbackValue: 'June 3, 2025' },
    });
    expect(result).to.deep.equal({
      ok: true,
      components: [
        { type: 'header', parameters: [{ type: 'image', image: { link: 'https://cdn.example.com/invoice.jpg' } }] },
        {
          type: 'body',
          parameters: [
            { type: 'text', text: 'Amina', parameter_name: 'first_name' },
            { type: 'currency', currency: { fallback_value: '25.50 €', code: 'EUR', amount_1000: 25500 }, parameter_name: 'total' },
            { type: 'date_time', date_time: { fallback_value: 'June 3, 2025' }, parameter_name: 'due_date' },
          ],
        },
      ],
    });
  });

  it('sends the one-time password in the body and as the button URL parameter', () => {
    expect(buildTemplateSendComponents(authentication, { 'body:1': '482913', 'button:0:1': '482913' })).to.deep.equal({
      ok: true,
      components: [
        { type: 'body', parameters: [{ type: 'text', text: '482913' }] },
        { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '482913' }] },
      ],
    });
  });

  describe('header parameter kinds', () => {
    const table: Array<[string, Record<string, unknown>, TemplateParameterValue, unknown]> = [
      ['image by uploaded id', { type: 'HEADER', format: 'IMAGE' }, { kind: 'image', id: '1234' }, { type: 'image', image: { id: '1234' } }],
      ['video by link', { type: 'HEADER', format: 'VIDEO' }, { kind: 'video', link: 'https://cdn.example.com/a.mp4' }, { type: 'video', video: { link: 'https://cdn.example.com/a.mp4' } }],
      [
        'document with a file name',
        { type: 'HEADER', format: 'DOCUMENT' },
        { kind: 'document', id: '99', filename: 'invoice.pdf' },
        { type: 'document', document: { id: '99', filename: 'invoice.pdf' } },
      ],
      ['document without a file name', { type: 'HEADER', format: 'DOCUMENT' }, { kind: 'document', link: 'http://cdn.example.com/a.pdf' }, { type: 'document', document: { link: 'http://cdn.example.com/a.pdf' } }],
      [
        'location with name and address',
        { type: 'HEADER', format: 'LOCATION' },
        { kind: 'location', latitude: 36.75, longitude: 3.06, name: 'Shop', address: '1 Rue Didouche, Algiers' },
        { type: 'location', location: { latitude: 36.75, longitude: 3.06, name: 'Shop', address: '1 Rue Didouche, Algiers' } },
      ],
      ['location with coordinates only', { type: 'HEADER', format: 'LOCATION' }, { kind: 'location', latitude: -90, longitude: 180 }, { type: 'location', location: { latitude: -90, longitude: 180 } }],
      ['text given as an object', { type: 'HEADER', format: 'TEXT', text: 'Hi {{1}}' }, { kind: 'text', text: 'Amina' }, { type: 'text', text: 'Amina' }],
    ];
    for (const [name, header, value, parameter] of table) {
      it(name, () => {
        const template = withHeader(header);
        const key = templateParameterSlots(template)[0]!.key;
        expect(buildTemplateSendComponents(template, { [key]: value })).to.deep.equal({ ok: true, components: [{ type: 'header', parameters: [parameter] }] });
      });
    }
  });

  it('sends no components for a template without parameters', () => {
    expect(buildTemplateSendComponents(withHeader({ type: 'HEADER', format: 'TEXT', text: 'Welcome' }), {})).to.deep.equal({ ok: true, components: [] });
  });

  describe('refuses before calling Meta', () => {
    const table: Array<[string, StoredTemplate, Record<string, unknown>, string[]]> = [
      ['a pending template', { ...positional, status: 'PENDING' }, positionalValues, ['not-approved ']],
      ['a paused template', { ...positional, status: 'PAUSED' }, positionalValues, ['not-approved ']],
      ['a missing body field', positional, { ...positionalValues, 'body:2': undefined }, ['missing body:2']],
      ['a missing URL field', positional, { ...positionalValues, 'button:1:1': undefined }, ['missing button:1:1']],
      ['a missing coupon code', positional, { ...positionalValues, 'button:3:coupon_code': undefined }, ['missing button:3:coupon_code']],
      ['a missing media header', named, { 'body:first_name': 'A', 'body:total': 'B', 'body:due_date': 'C' }, ['missing header:image']],
      ['a field the template does not have', positional, { ...positionalValues, 'body:4': 'x' }, ['extra body:4']],
      ['a named field sent to a positional template', positional, { ...positionalValues, 'body:first_name': 'x' }, ['extra body:first_name']],
      ['an image where the body expects text', positional, { ...positionalValues, 'body:1': { kind: 'image', id: '1' } }, ['wrong-kind body:1']],
      ['text where the header expects an image', named, { 'header:image': 'photo.jpg', 'body:first_name': 'A', 'body:total': 'B', 'body:due_date': 'C' }, ['wrong-kind header:image']],
      ['a video where the header expects an image', named, { 'header:image': { kind: 'video', id: '1' }, 'body:first_name': 'A', 'body:total': 'B', 'body:due_date': 'C' }, ['wrong-kind header:image']],
      ['a currency in a text header', positional, { ...positionalValues, 'header:1': { kind: 'currency', fallbackValue: '1', code: 'EUR', amount1000: 1000 } }, ['wrong-kind header:1']],
      ['a number instead of a value', positional, { ...positionalValues, 'body:1': 42 }, ['wrong-kind body:1']],
      ['a value of no known kind', positional, { ...positionalValues, 'body:1': { kind: 'emoji' } }, ['wrong-kind body:1']],
      ['an empty text', positional, { ...positionalValues, 'body:1': '  ' }, ['invalid-value body:1']],
      ['a text with a line break', positional, { ...positionalValues, 'body:1': 'Amina\nBenali' }, ['invalid-value body:1']],
      ['a text with a tab', positional, { ...positionalValues, 'header:1': 'A\t1' }, ['invalid-value header:1']],
      ['a text with five spaces in a row', positional, { ...positionalValues, 'body:1': 'Amina     Benali' }, ['invalid-value body:1']],
      ['a currency code in lowercase', positional, { ...positionalValues, 'body:1': { kind: 'currency', fallbackValue: '1 €', code: 'eur', amount1000: 1000 } }, ['invalid-value body:1']],
      ['a currency amount with decimals', positional, { ...positionalValues, 'body:1': { kind: 'currency', fallbackValue: '1 €', code: 'EUR', amount1000: 10.5 } }, ['invalid-value body:1']],
      ['a currency without the text to show', positional, { ...positionalValues, 'body:1': { kind: 'currency', fallbackValue: '', code: 'EUR', amount1000: 1000 } }, ['invalid-value body:1']],
      ['a date without the text to show', positional, { ...positionalValues, 'body:1': { kind: 'date_time', fallbackValue: '' } }, ['invalid-value body:1']],
      ['an image with both id and link', withHeader({ type: 'HEADER', format: 'IMAGE' }), { 'header:image': { kind: 'image', id: '1', link: 'https://a.example/b.jpg' } }, ['invalid-value header:image']],
      ['an image with neither id nor link', withHeader({ type: 'HEADER', format: 'IMAGE' }), { 'header:image': { kind: 'image' } }, ['invalid-value header:image']],
      ['an image link that is not http(s)', withHeader({ type: 'HEADER', format: 'IMAGE' }), { 'header:image': { kind: 'image', link: 'ftp://a.example/b.jpg' } }, ['invalid-value header:image']],
      ['a latitude out of range', withHeader({ type: 'HEADER', format: 'LOCATION' }), { 'header:location': { kind: 'location', latitude: 91, longitude: 0 } }, ['invalid-value header:location']],
      ['a longitude that is not a number', withHeader({ type: 'HEADER', format: 'LOCATION' }), { 'header:location': { kind: 'location', latitude: 0, longitude: '3' } }, ['invalid-value header:location']],
      ['an empty quick-reply payload', positional, { ...positionalValues, 'button:0:payload': { kind: 'payload', payload: '' } }, ['invalid-value button:0:payload']],
      ['a coupon code of 16 characters', positional, { ...positionalValues, 'button:3:coupon_code': { kind: 'coupon_code', couponCode: 'C'.repeat(16) } }, ['invalid-value button:3:coupon_code']],
    ];
    for (const [name, template, values, expected] of table) {
      it(name, () => {
        expect(codes(buildTemplateSendComponents(template, values as Record<string, TemplateParameterValue>))).to.deep.equal(expected);
      });
    }

    it('lists every problem at once', () => {
      const result = buildTemplateSendComponents({ ...positional, status: 'REJECTED' }, { 'header:1': 'A', 'body:1': '', 'body:9': 'x' });
      expect(codes(result)).to.have.members([
        'not-approved ',
        'extra body:9',
        'invalid-value body:1',
        'missing body:2',
        'missing body:3',
        'missing button:1:1',
        'missing button:3:coupon_code',
      ]);
    });

    it('gives the values the messages need, and every message exists in English', () => {
      const results = [
        buildTemplateSendComponents({ ...positional, status: 'PAUSED' }, { 'body:1': { kind: 'image', id: '1' } as TemplateParameterValue, 'body:7': 'x' }),
        ...table.map(([, template, values]) => buildTemplateSendComponents(template, values as Record<string, TemplateParameterValue>)),
      ];
      const notApproved = problemsOf(results[0]!).find((p) => p.code === 'not-approved')!;
      expect(notApproved.params).to.deep.equal({ status: 'PAUSED' });
      const wrongKind = problemsOf(results[0]!).find((p) => p.code === 'wrong-kind')!;
      expect(wrongKind.params).to.deep.equal({ name: '1', expected: 'text, currency, date_time', actual: 'image' });
      for (const found of results.flatMap(problemsOf)) {
        const text = texts.templateParameters[found.key.replace('templateParameters.', '')];
        expect(text, found.key).to.be.a('string');
        const placeholders = [...(text as string).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
        expect(Object.keys(found.params), found.key).to.include.members(placeholders);
      }
    });
  });

  it('never throws, whatever the stored template and the values', () => {
    fc.assert(
      fc.property(fc.anything(), fc.string(), fc.dictionary(fc.constantFrom('header:1', 'body:1', 'body:2', 'button:1:1', 'header:image', 'x'), fc.anything()), (components, status, values) => {
        const result = buildTemplateSendComponents({ status, components }, values as Record<string, TemplateParameterValue>);
        expect(result.ok).to.be.a('boolean');
      }),
    );
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...Object.keys(positionalValues), 'button:0:payload'), fc.anything()), (values) => {
        expect(buildTemplateSendComponents(positional, values as Record<string, TemplateParameterValue>).ok).to.be.a('boolean');
      }),
    );
  });
});
