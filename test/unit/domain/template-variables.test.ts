import { expect } from 'chai';
import { distinctVariableNames, hasStrayBraces, templateVariables } from '../../../src/domain/template-variables.js';

describe('template variables', () => {
  const table: Array<[string, string, Array<[string, string]>]> = [
    ['no placeholder', 'Hello there', []],
    ['positional', 'Hi {{1}}, order {{2}}', [['1', 'positional'], ['2', 'positional']]],
    ['named', 'Hi {{first_name}}', [['first_name', 'named']]],
    ['zero is not a position', '{{0}}', [['0', 'invalid']]],
    ['leading zero', '{{01}}', [['01', 'invalid']]],
    ['spaces inside', '{{ 1 }}', [[' 1 ', 'invalid']]],
    ['capitals', '{{First}}', [['First', 'invalid']]],
    ['digits in a name', '{{line_2}}', [['line_2', 'invalid']]],
    ['empty', '{{}}', [['', 'invalid']]],
    ['triple braces keep the inner placeholder', '{{{1}}}', [['1', 'positional']]],
  ];
  for (const [name, text, expected] of table) {
    it(name, () => {
      expect(templateVariables(text).map((v) => [v.name, v.kind])).to.deep.equal(expected);
    });
  }

  it('gives offsets that cut out exactly the placeholder', () => {
    const text = 'Hi {{1}}, bye {{name}}!';
    for (const variable of templateVariables(text)) expect(text.slice(variable.start, variable.end)).to.equal(variable.raw);
  });

  it('lists each name once, in order of first use', () => {
    expect(distinctVariableNames(templateVariables('{{2}} {{1}} {{2}}'))).to.deep.equal(['2', '1']);
  });

  describe('stray braces', () => {
    const cases: Array<[string, boolean]> = [
      ['Hi {{1}}', false],
      ['Hi {1}', false],
      ['Hi {{1}', true],
      ['Hi {1}}', true],
      ['Hi {{1}} and {{', true],
    ];
    for (const [text, stray] of cases) {
      it(`${JSON.stringify(text)} → ${stray}`, () => {
        expect(hasStrayBraces(text)).to.equal(stray);
      });
    }
  });
});
