import { expect } from 'chai';
import fc from 'fast-check';
import { outboundMessageProblems } from '../../../src/cloud-api/message-limits.js';
import type { InteractiveButtons, InteractiveList, OutboundMessage } from '../../../src/cloud-api/outbound-message.js';

const TO = '213555123456';
const buttons = (...titles: string[]): InteractiveButtons => ({
  type: 'button',
  body: { text: 'Choisissez' },
  action: { buttons: titles.map((title, i) => ({ type: 'reply' as const, reply: { id: `b${i}`, title } })) },
});
const list = (rowsPerSection: number[]): InteractiveList => ({
  type: 'list',
  body: { text: 'Cours' },
  action: {
    button: 'Voir',
    sections: rowsPerSection.map((count, s) => ({
      title: `Section ${s}`,
      rows: Array.from({ length: count }, (_, r) => ({ id: `r${s}-${r}`, title: `Cours ${s}-${r}` })),
    })),
  },
});
const problems = (message: OutboundMessage) => outboundMessageProblems(message);

describe('outboundMessageProblems', () => {
  it('accepts messages within every limit', () => {
    expect(problems({ to: TO, type: 'text', text: { body: 'x'.repeat(4096) } })).to.deep.equal([]);
    expect(problems({ to: TO, type: 'interactive', interactive: buttons('Oui', 'Non', '12345678901234567890') })).to.deep.equal([]);
    expect(problems({ to: TO, type: 'interactive', interactive: list([4, 6]) })).to.deep.equal([]);
    expect(problems({ to: TO, type: 'text', text: { body: 'x' }, biz_opaque_callback_data: 'é'.repeat(256) })).to.deep.equal([]);
  });

  it('refuses more than 3 buttons, a title over 20 characters and duplicate titles', () => {
    expect(problems({ to: TO, type: 'interactive', interactive: buttons('a', 'b', 'c', 'd') })).to.include(
      'interactive.action.buttons: 1 to 3 buttons (got 4)',
    );
    expect(problems({ to: TO, type: 'interactive', interactive: buttons('123456789012345678901') })).to.include(
      'interactive.action.buttons[0].reply.title: at most 20 characters (got 21)',
    );
    expect(problems({ to: TO, type: 'interactive', interactive: buttons('Oui', 'Oui') })).to.include('interactive.action.buttons: titles must be unique');
  });

  it('counts characters, not UTF-16 units: 20 emoji fit a button title', () => {
    expect(problems({ to: TO, type: 'interactive', interactive: buttons('😀'.repeat(20)) })).to.deep.equal([]);
  });

  it('refuses a list with more than 10 rows in all, even spread over sections', () => {
    expect(problems({ to: TO, type: 'interactive', interactive: list([5, 6]) })).to.include('interactive.action.sections: 1 to 10 rows in all (got 11)');
    expect(problems({ to: TO, type: 'interactive', interactive: list([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]) })).to.include(
      'interactive.action.sections: 1 to 10 sections (got 11)',
    );
  });

  it('refuses a row title over 24 characters and a description over 72', () => {
    const long = list([1]);
    long.action.sections[0]!.rows[0] = { id: 'r', title: 'x'.repeat(25), description: 'y'.repeat(73) };
    expect(problems({ to: TO, type: 'interactive', interactive: long })).to.include.members([
      'interactive.action.sections[0].rows[0].title: at most 24 characters (got 25)',
      'interactive.action.sections[0].rows[0].description: at most 72 characters (got 73)',
    ]);
  });

  it('refuses callback data over 512 bytes, counted in UTF-8', () => {
    expect(problems({ to: TO, type: 'text', text: { body: 'x' }, biz_opaque_callback_data: 'é'.repeat(257) })).to.deep.equal([
      'biz_opaque_callback_data: at most 512 bytes (got 514)',
    ]);
  });

  it('wants exactly one of a media id and a link', () => {
    const both = { to: TO, type: 'image', image: { id: '1', link: 'https://x.example/a.jpg' } } as unknown as OutboundMessage;
    expect(problems(both)).to.deep.equal(['image: exactly one of id or link']);
    const neither = { to: TO, type: 'document', document: { filename: 'a.pdf' } } as unknown as OutboundMessage;
    expect(problems(neither)).to.deep.equal(['document: exactly one of id or link']);
    expect(problems({ to: TO, type: 'image', image: { link: 'ftp://x.example/a.jpg' } })).to.deep.equal(['image.link: must be an http(s) URL']);
  });

  it('refuses a recipient that is not a wa_id', () => {
    expect(problems({ to: '+213 555 12 34 56', type: 'text', text: { body: 'x' } })).to.have.length(1);
    expect(problems({ to: '', type: 'text', text: { body: 'x' } })).to.have.length(1);
  });

  it('refuses a template mixing named and positional parameters', () => {
    expect(
      problems({
        to: TO,
        type: 'template',
        template: {
          name: 'rappel',
          language: { code: 'fr' },
          components: [{ type: 'body', parameters: [{ type: 'text', text: 'Amina', parameter_name: 'first_name' }, { type: 'text', text: 'lundi' }] }],
        },
      }),
    ).to.deep.equal(['template: parameters are either all named or all positional']);
  });

  it('never reports a problem for text bodies of 1 to 4096 characters, and always for longer ones', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 5000, unit: 'grapheme' }), (body) => {
        const length = [...body].length;
        const found = problems({ to: TO, type: 'text', text: { body } });
        expect(found.length === 0).to.equal(length <= 4096);
      }),
      { numRuns: 200 },
    );
  });
});
