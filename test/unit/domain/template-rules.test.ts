import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import fc from 'fast-check';
import { validateTemplateDraft, type TemplateProblem } from '../../../src/domain/template-rules.js';

const texts = JSON.parse(readFileSync(new URL('../../../locales/en/template-rules.json', import.meta.url), 'utf8'));

type Draft = Record<string, unknown> & { components: Array<Record<string, unknown>> };

/** A positional marketing template using every kind of component. */
function positional(): Draft {
  return {
    name: 'order_update_2',
    language: 'en_US',
    category: 'MARKETING',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Order {{1}}', example: { header_text: ['A-1001'] } },
      {
        type: 'BODY',
        text: 'Hello {{1}}, your order {{2}} ships on {{3}}. Thank you!',
        example: { body_text: [['Amina', 'A-1001', 'June 3']] },
      },
      { type: 'FOOTER', text: 'Reply STOP to opt out' },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'QUICK_REPLY', text: 'Stop promotions' },
          { type: 'QUICK_REPLY', text: 'Talk to us' },
          { type: 'URL', text: 'Track', url: 'https://shop.example.com/track/{{1}}', example: ['https://shop.example.com/track/A-1001'] },
          { type: 'PHONE_NUMBER', text: 'Call us', phone_number: '+213555123456' },
          { type: 'COPY_CODE', example: 'SUMMER25' },
        ],
      },
    ],
  };
}

function named(): Draft {
  return {
    name: 'welcome_named',
    language: 'fr',
    category: 'UTILITY',
    parameter_format: 'NAMED',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hi {{first_name}}', example: { header_text_named_params: [{ param_name: 'first_name', example: 'Amina' }] } },
      {
        type: 'BODY',
        text: 'Dear {{first_name}}, your appointment is on {{appointment_date}}.',
        example: {
          body_text_named_params: [
            { param_name: 'first_name', example: 'Amina' },
            { param_name: 'appointment_date', example: 'June 3' },
          ],
        },
      },
    ],
  };
}

function authentication(): Draft {
  return {
    name: 'login_code',
    language: 'en',
    category: 'AUTHENTICATION',
    components: [
      { type: 'BODY', add_security_recommendation: true },
      { type: 'FOOTER', code_expiration_minutes: 10 },
      { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'ONE_TAP', supported_apps: [{ package_name: 'com.example', signature_hash: 'K8a/AINcGX7' }] }] },
    ],
  };
}

const media = (format: string, example?: unknown): Draft => ({
  name: 'media_header',
  language: 'ar',
  category: 'MARKETING',
  components: [
    { type: 'HEADER', format, ...(example === undefined ? {} : { example }) },
    { type: 'BODY', text: 'See the attached file, {{1}}.', example: { body_text: [['Amina']] } },
  ],
});

function modified(base: () => Draft, change: (draft: Draft) => void): Draft {
  const draft = base();
  change(draft);
  return draft;
}

/** A body with the three variables of `positional()`, padded to `length` characters. */
function bodyOfLength(length: number, padding: string): string {
  const prefix = 'Hi {{1}}, order {{2}} on {{3}} ';
  return `${prefix}${padding.repeat(length - prefix.length - 1)}.`;
}

const body = (draft: Draft) => draft.components[1]!;
const buttons = (draft: Draft) => draft.components[3]!.buttons as Array<Record<string, unknown>>;

/** Path and key of each problem; params are checked separately where they matter. */
const summary = (problems: TemplateProblem[]) => problems.map((p) => `${p.path} ${p.key}`);

describe('validateTemplateDraft', () => {
  describe('valid drafts have no problem', () => {
    const valid: Array<[string, Draft]> = [
      ['positional template with every component', positional()],
      ['named template', named()],
      ['authentication template', authentication()],
      ['image header', media('IMAGE', { header_handle: ['4::aW1hZ2U='] })],
      ['video header', media('VIDEO', { header_handle: ['4::dmlkZW8='] })],
      ['document header', media('DOCUMENT', { header_handle: ['4::ZG9j'] })],
      ['location header (no example)', media('LOCATION')],
      ['body without variables or example', { name: 'x', language: 'en', category: 'UTILITY', components: [{ type: 'BODY', text: 'Your parcel has arrived.' }] }],
      ['lowercase component types', modified(positional, (d) => d.components.forEach((c) => (c.type = String(c.type).toLowerCase())))],
      ['a variable used twice', modified(positional, (d) => (body(d).text = 'Hello {{1}}, order {{2}} for {{1}} ships {{3}}.'))],
      ['a name of exactly 512 characters', modified(positional, (d) => (d.name = 'a'.repeat(512)))],
      ['a body of exactly 1024 characters (an emoji counts as one)', modified(positional, (d) => (body(d).text = bodyOfLength(1024, '😀')))],
      ['ten quick replies', modified(positional, (d) => (d.components[3]!.buttons = Array.from({ length: 10 }, (_, i) => ({ type: 'QUICK_REPLY', text: `Option ${i}` }))))],
      ['copy-code OTP without app', modified(authentication, (d) => (d.components[2]!.buttons = [{ type: 'OTP', otp_type: 'COPY_CODE' }]))],
      ['URL button without a variable', modified(positional, (d) => (buttons(d)[2] = { type: 'URL', text: 'Shop', url: 'https://shop.example.com' }))],
      ['flow button', modified(positional, (d) => (buttons(d)[4] = { type: 'FLOW', text: 'Book', flow_id: '123456' }))],
    ];
    for (const [name, draft] of valid) {
      it(name, () => {
        expect(validateTemplateDraft(draft)).to.deep.equal([]);
      });
    }
  });

  // One row per rule: the change to a valid draft and the problems it must cause (path + key).
  const rules: Array<[string, Draft | unknown, string[]]> = [
    ['not an object', 'hello', [' templateRules.draft.notAnObject']],
    ['null', null, [' templateRules.draft.notAnObject']],
    // name
    ['name missing', modified(positional, (d) => delete d.name), ['name templateRules.name.required']],
    ['name with capitals', modified(positional, (d) => (d.name = 'Order_Update')), ['name templateRules.name.invalidCharacters']],
    ['name with a space', modified(positional, (d) => (d.name = 'order update')), ['name templateRules.name.invalidCharacters']],
    ['name with a hyphen', modified(positional, (d) => (d.name = 'order-update')), ['name templateRules.name.invalidCharacters']],
    ['name of 513 characters', modified(positional, (d) => (d.name = 'a'.repeat(513))), ['name templateRules.name.tooLong']],
    // language
    ['language missing', modified(positional, (d) => delete d.language), ['language templateRules.language.required']],
    ['language with a hyphen', modified(positional, (d) => (d.language = 'en-US')), ['language templateRules.language.invalid']],
    ['language region in lowercase', modified(positional, (d) => (d.language = 'en_us')), ['language templateRules.language.invalid']],
    ['language as a word', modified(positional, (d) => (d.language = 'english')), ['language templateRules.language.invalid']],
    // category and parameter format
    ['category missing', modified(positional, (d) => delete d.category), ['category templateRules.category.required']],
    ['category unknown', modified(positional, (d) => (d.category = 'TRANSACTIONAL')), ['category templateRules.category.invalid']],
    ['category in lowercase', modified(positional, (d) => (d.category = 'marketing')), ['category templateRules.category.invalid']],
    ['parameter format unknown', modified(positional, (d) => (d.parameter_format = 'NUMBERED')), ['parameter_format templateRules.parameterFormat.invalid']],
    // components
    ['components missing', modified(positional, (d) => delete (d as Record<string, unknown>).components), ['components templateRules.components.required']],
    ['no body', modified(positional, (d) => d.components.splice(1, 1)), ['components templateRules.components.bodyRequired']],
    ['two bodies', modified(positional, (d) => d.components.push({ type: 'BODY', text: 'Again' })), ['components[4].type templateRules.components.duplicate']],
    ['carousel', modified(positional, (d) => d.components.push({ type: 'CAROUSEL', cards: [] })), ['components[4].type templateRules.components.unsupportedType']],
    ['component not an object', modified(positional, (d) => d.components.push(null as never)), ['components[4] templateRules.components.notAnObject']],
    // header
    ['header format unknown', modified(positional, (d) => (d.components[0]!.format = 'AUDIO')), ['components[0].format templateRules.header.formatInvalid']],
    ['text header without text', modified(positional, (d) => delete d.components[0]!.text), ['components[0].text templateRules.header.textRequired']],
    ['header of 61 characters', modified(positional, (d) => (d.components[0] = { type: 'HEADER', format: 'TEXT', text: 'h'.repeat(61) })), ['components[0].text templateRules.header.textTooLong']],
    ['header on two lines', modified(positional, (d) => (d.components[0] = { type: 'HEADER', format: 'TEXT', text: 'Big\nsale' })), ['components[0].text templateRules.header.lineBreak']],
    [
      'header with two variables',
      modified(positional, (d) => (d.components[0] = { type: 'HEADER', format: 'TEXT', text: 'Order {{1}} of {{2}}', example: { header_text: ['A', 'B'] } })),
      ['components[0].text templateRules.header.tooManyVariables'],
    ],
    ['header variable without example', modified(positional, (d) => delete d.components[0]!.example), ['components[0].example.header_text templateRules.example.required']],
    ['header example empty', modified(positional, (d) => (d.components[0]!.example = { header_text: [' '] })), ['components[0].example.header_text[0] templateRules.example.empty']],
    ['image header without sample', media('IMAGE'), ['components[0].example.header_handle templateRules.header.mediaExampleRequired']],
    ['document header with empty sample list', media('DOCUMENT', { header_handle: [] }), ['components[0].example.header_handle templateRules.header.mediaExampleRequired']],
    // body
    ['body without text', modified(positional, (d) => delete body(d).text), ['components[1].text templateRules.body.textRequired']],
    ['body of blanks', modified(positional, (d) => (body(d).text = '   ')), ['components[1].text templateRules.body.textRequired']],
    [
      'body of 1025 characters',
      modified(positional, (d) => (body(d).text = bodyOfLength(1025, 'x'))),
      ['components[1].text templateRules.body.textTooLong'],
    ],
    ['body starting with a variable', modified(positional, (d) => (body(d).text = '{{1}}, your order {{2}} ships on {{3}}.')), ['components[1].text templateRules.body.variableAtStart']],
    ['body starting with blanks then a variable', modified(positional, (d) => (body(d).text = ' \n{{1}}, order {{2}} ships on {{3}}.')), ['components[1].text templateRules.body.variableAtStart']],
    ['body ending with a variable', modified(positional, (d) => (body(d).text = 'Hello {{1}}, order {{2}} ships on {{3}}')), ['components[1].text templateRules.body.variableAtEnd']],
    ['body ending with a variable then blanks', modified(positional, (d) => (body(d).text = 'Hello {{1}}, order {{2}} ships on {{3}} \n')), ['components[1].text templateRules.body.variableAtEnd']],
    ['variables side by side', modified(positional, (d) => (body(d).text = 'Hello {{1}}{{2}}, ships on {{3}}.')), ['components[1].text templateRules.body.adjacentVariables']],
    ['variables separated by a space only', modified(positional, (d) => (body(d).text = 'Hello {{1}} {{2}}, ships on {{3}}.')), ['components[1].text templateRules.body.adjacentVariables']],
    ['variables separated by a line break only', modified(positional, (d) => (body(d).text = 'Hello {{1}}\n{{2}}, ships on {{3}}.')), ['components[1].text templateRules.body.adjacentVariables']],
    // variables
    [
      'numbering with a gap',
      modified(positional, (d) => (body(d).text = 'Hello {{1}}, order {{3}} ships on {{4}}.')),
      ['components[1].text templateRules.variables.notSequential'],
    ],
    [
      'numbering not starting at 1',
      modified(positional, (d) => (body(d).text = 'Hello {{2}}, order {{3}} ships on {{4}}.')),
      ['components[1].text templateRules.variables.notSequential'],
    ],
    ['{{0}}', modified(positional, (d) => (body(d).text = 'Hello {{0}}, {{1}}, order {{2}} ships on {{3}}.')), ['components[1].text templateRules.variables.invalid']],
    ['variable with a space inside', modified(positional, (d) => (body(d).text = 'Hello {{ 1 }}, order {{2}} {{3}} x.')), [
      'components[1].text templateRules.variables.invalid',
      'components[1].text templateRules.variables.notSequential',
      'components[1].text templateRules.body.adjacentVariables',
      'components[1].example.body_text[0] templateRules.example.count',
    ]],
    ['variable with capitals', modified(named, (d) => (body(d).text = 'Dear {{First_Name}}, on {{first_name}} at {{appointment_date}}.')), ['components[1].text templateRules.variables.invalid']],
    ['unclosed variable', modified(positional, (d) => (body(d).text = 'Hello {{1}}, order {{2}} ships on {{3}. Thanks')), [
      'components[1].text templateRules.variables.strayBraces',
      'components[1].example.body_text[0] templateRules.example.count',
    ]],
    ['named variable in a positional template', modified(positional, (d) => (body(d).text = 'Hello {{1}}, order {{2}} on {{3}} for {{name}}.')), ['components[1].text templateRules.variables.namedInPositional']],
    ['numbered variable in a named template', modified(named, (d) => (body(d).text = 'Dear {{first_name}}, on {{appointment_date}} at {{1}}.')), ['components[1].text templateRules.variables.positionalInNamed']],
    // positional examples
    ['body example missing', modified(positional, (d) => delete body(d).example), ['components[1].example.body_text templateRules.example.required']],
    ['body example not nested', modified(positional, (d) => (body(d).example = { body_text: ['Amina', 'A-1001', 'June 3'] })), ['components[1].example.body_text templateRules.example.required']],
    ['body example short of one', modified(positional, (d) => (body(d).example = { body_text: [['Amina', 'A-1001']] })), ['components[1].example.body_text[0] templateRules.example.count']],
    ['body example with one too many', modified(positional, (d) => (body(d).example = { body_text: [['Amina', 'A-1001', 'June 3', 'extra']] })), ['components[1].example.body_text[0] templateRules.example.count']],
    ['body example empty value', modified(positional, (d) => (body(d).example = { body_text: [['Amina', '', 'June 3']] })), ['components[1].example.body_text[0][1] templateRules.example.empty']],
    ['body example not a string', modified(positional, (d) => (body(d).example = { body_text: [['Amina', 42, 'June 3']] })), ['components[1].example.body_text[0][1] templateRules.example.empty']],
    [
      'examples for a body without variables',
      { name: 'x', language: 'en', category: 'UTILITY', components: [{ type: 'BODY', text: 'Hi there.', example: { body_text: [['a']] } }] },
      ['components[0].example.body_text[0] templateRules.example.count'],
    ],
    // named examples
    ['named examples missing', modified(named, (d) => delete body(d).example), ['components[1].example.body_text_named_params templateRules.example.required']],
    [
      'named example missing for one variable',
      modified(named, (d) => (body(d).example = { body_text_named_params: [{ param_name: 'first_name', example: 'Amina' }] })),
      ['components[1].example.body_text_named_params templateRules.example.missingName'],
    ],
    [
      'named example for a variable not in the text',
      modified(named, (d) => (body(d).example as { body_text_named_params: unknown[] }).body_text_named_params.push({ param_name: 'city', example: 'Oran' })),
      ['components[1].example.body_text_named_params[2].param_name templateRules.example.unknownName'],
    ],
    [
      'named example given twice',
      modified(named, (d) => (body(d).example as { body_text_named_params: unknown[] }).body_text_named_params.push({ param_name: 'first_name', example: 'Lina' })),
      ['components[1].example.body_text_named_params[2].param_name templateRules.example.duplicateName'],
    ],
    [
      'named example without a name',
      modified(named, (d) => (body(d).example as { body_text_named_params: unknown[] }).body_text_named_params.push({ example: 'Lina' })),
      ['components[1].example.body_text_named_params[2].param_name templateRules.example.nameRequired'],
    ],
    [
      'named example with an empty value',
      modified(named, (d) => ((body(d).example as { body_text_named_params: Array<{ example: string }> }).body_text_named_params[1]!.example = '')),
      ['components[1].example.body_text_named_params[1].example templateRules.example.empty'],
    ],
    ['named header example missing', modified(named, (d) => delete d.components[0]!.example), ['components[0].example.header_text_named_params templateRules.example.required']],
    // footer
    ['footer without text', modified(positional, (d) => delete d.components[2]!.text), ['components[2].text templateRules.footer.textRequired']],
    ['footer of 61 characters', modified(positional, (d) => (d.components[2]!.text = 'f'.repeat(61))), ['components[2].text templateRules.footer.textTooLong']],
    ['footer with a variable', modified(positional, (d) => (d.components[2]!.text = 'Sent to {{1}}')), ['components[2].text templateRules.footer.variablesNotAllowed']],
    // buttons
    ['buttons empty', modified(positional, (d) => (d.components[3]!.buttons = [])), ['components[3].buttons templateRules.buttons.required']],
    [
      'eleven buttons',
      modified(positional, (d) => (d.components[3]!.buttons = Array.from({ length: 11 }, (_, i) => ({ type: 'QUICK_REPLY', text: `Option ${i}` })))),
      ['components[3].buttons templateRules.buttons.tooMany', 'components[3].buttons templateRules.buttons.tooManyOfType'],
    ],
    [
      'three URL buttons',
      modified(positional, (d) => buttons(d).push({ type: 'URL', text: 'A', url: 'https://a.example.com' }, { type: 'URL', text: 'B', url: 'https://b.example.com' })),
      ['components[3].buttons templateRules.buttons.tooManyOfType'],
    ],
    ['two phone buttons', modified(positional, (d) => buttons(d).push({ type: 'PHONE_NUMBER', text: 'Call', phone_number: '+33123456789' })), ['components[3].buttons templateRules.buttons.tooManyOfType']],
    ['two copy-code buttons', modified(positional, (d) => buttons(d).push({ type: 'COPY_CODE', example: 'X1' })), ['components[3].buttons templateRules.buttons.tooManyOfType']],
    ['quick replies split by other buttons', modified(positional, (d) => buttons(d).push({ type: 'QUICK_REPLY', text: 'Later' })), ['components[3].buttons templateRules.buttons.notGrouped']],
    ['unknown button type', modified(positional, (d) => (buttons(d)[0]!.type = 'CALL')), ['components[3].buttons[0].type templateRules.buttons.typeInvalid']],
    ['button not an object', modified(positional, (d) => (buttons(d)[0] = 'Stop' as never)), ['components[3].buttons[0] templateRules.buttons.notAnObject']],
    ['quick reply without text', modified(positional, (d) => delete buttons(d)[0]!.text), ['components[3].buttons[0].text templateRules.buttons.textRequired']],
    ['button text of 26 characters', modified(positional, (d) => (buttons(d)[0]!.text = 'b'.repeat(26))), ['components[3].buttons[0].text templateRules.buttons.textTooLong']],
    ['button text with a variable', modified(positional, (d) => (buttons(d)[0]!.text = 'Hi {{1}}')), ['components[3].buttons[0].text templateRules.buttons.textVariables']],
    ['URL button without url', modified(positional, (d) => delete buttons(d)[2]!.url), ['components[3].buttons[2].url templateRules.buttons.urlRequired']],
    ['URL without scheme', modified(positional, (d) => (buttons(d)[2] = { type: 'URL', text: 'Shop', url: 'shop.example.com' })), ['components[3].buttons[2].url templateRules.buttons.urlInvalid']],
    ['URL of 2001 characters', modified(positional, (d) => (buttons(d)[2] = { type: 'URL', text: 'Shop', url: `https://a.example.com/${'p'.repeat(2001 - 22)}` })), ['components[3].buttons[2].url templateRules.buttons.urlTooLong']],
    [
      'URL variable in the middle',
      modified(positional, (d) => (buttons(d)[2]!.url = 'https://shop.example.com/{{1}}/track')),
      ['components[3].buttons[2].url templateRules.buttons.urlVariable'],
    ],
    ['URL with two variables', modified(positional, (d) => (buttons(d)[2]!.url = 'https://shop.example.com/{{1}}/{{2}}')), ['components[3].buttons[2].url templateRules.buttons.urlVariable']],
    ['URL variable named', modified(positional, (d) => (buttons(d)[2]!.url = 'https://shop.example.com/{{order}}')), ['components[3].buttons[2].url templateRules.buttons.urlVariable']],
    ['URL variable without example', modified(positional, (d) => delete buttons(d)[2]!.example), ['components[3].buttons[2].example templateRules.buttons.urlExampleRequired']],
    ['phone button without number', modified(positional, (d) => delete buttons(d)[3]!.phone_number), ['components[3].buttons[3].phone_number templateRules.buttons.phoneRequired']],
    ['phone number with letters', modified(positional, (d) => (buttons(d)[3]!.phone_number = '+213 CALL NOW')), ['components[3].buttons[3].phone_number templateRules.buttons.phoneInvalid']],
    ['phone number over 20 characters', modified(positional, (d) => (buttons(d)[3]!.phone_number = `+${'1'.repeat(20)}`)), ['components[3].buttons[3].phone_number templateRules.buttons.phoneInvalid']],
    ['copy code without example', modified(positional, (d) => delete buttons(d)[4]!.example), ['components[3].buttons[4].example templateRules.buttons.copyCodeRequired']],
    ['copy code of 16 characters', modified(positional, (d) => (buttons(d)[4]!.example = 'C'.repeat(16))), ['components[3].buttons[4].example templateRules.buttons.copyCodeTooLong']],
    ['flow button without flow', modified(positional, (d) => (buttons(d)[4] = { type: 'FLOW', text: 'Book' })), ['components[3].buttons[4] templateRules.buttons.flowRequired']],
    ['OTP button in a marketing template', modified(positional, (d) => (buttons(d)[4] = { type: 'OTP', otp_type: 'COPY_CODE' })), ['components[3].buttons[4].type templateRules.buttons.otpOnlyForAuthentication']],
    // authentication
    ['authentication with a header', modified(authentication, (d) => d.components.unshift({ type: 'HEADER', format: 'TEXT', text: 'Code' })), ['components[0] templateRules.header.notAllowedForAuthentication']],
    ['authentication with body text', modified(authentication, (d) => (d.components[0]!.text = 'Your code is {{1}}')), ['components[0].text templateRules.body.textNotAllowedForAuthentication']],
    ['authentication with footer text', modified(authentication, (d) => (d.components[1]!.text = 'Thanks')), ['components[1].text templateRules.footer.textNotAllowedForAuthentication']],
    ['code expiring after 91 minutes', modified(authentication, (d) => (d.components[1]!.code_expiration_minutes = 91)), ['components[1].code_expiration_minutes templateRules.footer.codeExpirationInvalid']],
    ['code expiring after 0 minutes', modified(authentication, (d) => (d.components[1]!.code_expiration_minutes = 0)), ['components[1].code_expiration_minutes templateRules.footer.codeExpirationInvalid']],
    ['authentication without buttons', modified(authentication, (d) => d.components.splice(2, 1)), ['components templateRules.buttons.authenticationNeedsOtp']],
    [
      'authentication with a quick reply instead of OTP',
      modified(authentication, (d) => (d.components[2]!.buttons = [{ type: 'QUICK_REPLY', text: 'Hi' }])),
      ['components[2].buttons templateRules.buttons.authenticationNeedsOtp'],
    ],
    [
      'authentication with an extra button',
      modified(authentication, (d) => (d.components[2]!.buttons as unknown[]).push({ type: 'QUICK_REPLY', text: 'Hi' })),
      ['components[2].buttons templateRules.buttons.authenticationNeedsOtp'],
    ],
    ['OTP type unknown', modified(authentication, (d) => (d.components[2]!.buttons = [{ type: 'OTP', otp_type: 'MAGIC' }])), ['components[2].buttons[0].otp_type templateRules.buttons.otpTypeInvalid']],
    ['one-tap OTP without app', modified(authentication, (d) => (d.components[2]!.buttons = [{ type: 'OTP', otp_type: 'ONE_TAP' }])), ['components[2].buttons[0].supported_apps templateRules.buttons.otpAppRequired']],
  ];

  describe('one rule each', () => {
    for (const [name, draft, expected] of rules) {
      it(name, () => {
        expect(summary(validateTemplateDraft(draft))).to.deep.equal(expected);
      });
    }
  });

  it('reports every problem at once, not just the first', () => {
    const draft = modified(positional, (d) => {
      d.name = 'Bad Name';
      d.language = 'english';
      body(d).text = '{{1}} and {{2}}';
      d.components[2]!.text = 'x'.repeat(70);
    });
    expect(summary(validateTemplateDraft(draft))).to.have.members([
      'name templateRules.name.invalidCharacters',
      'language templateRules.language.invalid',
      'components[1].text templateRules.body.variableAtStart',
      'components[1].text templateRules.body.variableAtEnd',
      'components[1].example.body_text[0] templateRules.example.count',
      'components[2].text templateRules.footer.textTooLong',
    ]);
  });

  it('gives the values the messages need', () => {
    const tooLong = validateTemplateDraft(modified(positional, (d) => (d.components[2]!.text = 'f'.repeat(61))));
    expect(tooLong[0]!.params).to.deep.equal({ max: 60, length: 61 });
    const gap = validateTemplateDraft(modified(positional, (d) => (body(d).text = 'Hi {{1}}, see {{4}} now.')));
    expect(gap[0]!.params).to.deep.equal({ missing: '{{2}}, {{3}}' });
    const count = validateTemplateDraft(modified(positional, (d) => (body(d).example = { body_text: [['Amina']] })));
    expect(count[0]!.params).to.deep.equal({ expected: 3, actual: 1 });
    const adjacent = validateTemplateDraft(modified(positional, (d) => (body(d).text = 'Hello {{1}} {{2}}, ships on {{3}}.')));
    expect(adjacent[0]!.params).to.deep.equal({ first: '{{1}}', second: '{{2}}' });
  });

  it('has an English text for every problem, with a value for each of its placeholders', () => {
    for (const [, draft] of rules) {
      for (const found of validateTemplateDraft(draft)) {
        const text = found.key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], texts);
        expect(text, found.key).to.be.a('string').and.not.equal('');
        const placeholders = [...(text as string).matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
        expect(Object.keys(found.params), found.key).to.include.members(placeholders);
      }
    }
  });

  it('quotes a value whose toString is broken instead of throwing (found by the property below)', () => {
    const problems = validateTemplateDraft({ category: { toString: 0 } });
    expect(problems.find((p) => p.path === 'category')?.params).to.deep.equal({ value: '{"toString":0}' });
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.anything(), (input) => {
        expect(validateTemplateDraft(input)).to.be.an('array');
      }),
    );
    const shapes = fc.record(
      {
        name: fc.oneof(fc.string(), fc.anything()),
        language: fc.oneof(fc.constantFrom('en', 'en_US'), fc.anything()),
        category: fc.oneof(fc.constantFrom('MARKETING', 'UTILITY', 'AUTHENTICATION'), fc.anything()),
        parameter_format: fc.oneof(fc.constantFrom('POSITIONAL', 'NAMED'), fc.anything()),
        components: fc.array(
          fc.record(
            {
              type: fc.constantFrom('HEADER', 'BODY', 'FOOTER', 'BUTTONS', 'X'),
              format: fc.oneof(fc.constantFrom('TEXT', 'IMAGE', 'LOCATION'), fc.anything()),
              text: fc.oneof(fc.string(), fc.constantFrom('a {{1}} b {{x}} {{', '{{1}}{{2}}'), fc.anything()),
              example: fc.anything(),
              buttons: fc.oneof(fc.array(fc.record({ type: fc.constantFrom('URL', 'OTP', 'FLOW', 'QUICK_REPLY'), url: fc.anything(), example: fc.anything(), otp_type: fc.anything(), supported_apps: fc.anything() }, { requiredKeys: [] })), fc.anything()),
              code_expiration_minutes: fc.anything(),
            },
            { requiredKeys: ['type'] },
          ),
        ),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(shapes, (input) => {
        expect(validateTemplateDraft(input)).to.be.an('array');
      }),
    );
  });
});
