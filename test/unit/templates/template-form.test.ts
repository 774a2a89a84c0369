import { expect } from 'chai';
import fc from 'fast-check';
import { validateTemplateDraft } from '../../../src/domain/template-rules.js';
import {
  GENERAL_FIELD,
  problemsByField,
  templateDraftFromForm,
  templateFormFromTemplate,
} from '../../../src/templates/template-form.js';

const FULL_FORM = {
  name: 'rappel_cours',
  language: 'fr',
  category: 'UTILITY',
  parameterFormat: 'POSITIONAL',
  headerFormat: 'TEXT',
  headerText: 'Cours de {{1}}',
  'headerExamples.1': 'Anglais',
  bodyText: 'Bonjour {{2}}, votre cours {{1}} commence le {{3}}.',
  'bodyExamples.1': 'Anglais B1',
  'bodyExamples.2': 'Amina',
  'bodyExamples.3': '12 mai',
  footerText: 'École des langues',
  'buttons.0.type': 'QUICK_REPLY',
  'buttons.0.text': 'Je confirme',
  'buttons.1.type': '',
  'buttons.2.type': 'URL',
  'buttons.2.text': 'Mon espace',
  'buttons.2.url': 'https://ecole.example/cours/{{1}}',
  'buttons.2.urlExample': 'https://ecole.example/cours/b1',
  'buttons.3.type': 'PHONE_NUMBER',
  'buttons.3.text': 'Appeler',
  'buttons.3.phoneNumber': '+213555123456',
};

describe('template form ↔ Meta’s create body', () => {
  it('builds Meta’s body: components in order, positional examples by number, empty button rows left out', () => {
    const { draft } = templateDraftFromForm(FULL_FORM);

    expect(draft).to.deep.equal({
      name: 'rappel_cours',
      language: 'fr',
      category: 'UTILITY',
      parameter_format: 'POSITIONAL',
      components: [
        { type: 'HEADER', format: 'TEXT', text: 'Cours de {{1}}', example: { header_text: ['Anglais'] } },
        {
          type: 'BODY',
          text: 'Bonjour {{2}}, votre cours {{1}} commence le {{3}}.',
          example: { body_text: [['Anglais B1', 'Amina', '12 mai']] },
        },
        { type: 'FOOTER', text: 'École des langues' },
        {
          type: 'BUTTONS',
          buttons: [
            { type: 'QUICK_REPLY', text: 'Je confirme' },
            { type: 'URL', text: 'Mon espace', url: 'https://ecole.example/cours/{{1}}', example: ['https://ecole.example/cours/b1'] },
            { type: 'PHONE_NUMBER', text: 'Appeler', phone_number: '+213555123456' },
          ],
        },
      ],
    });
    expect(validateTemplateDraft(draft)).to.deep.equal([]);
  });

  it('builds named examples as Meta wants them, in order of appearance', () => {
    const { draft } = templateDraftFromForm({
      name: 'bienvenue',
      language: 'en',
      category: 'MARKETING',
      parameterFormat: 'NAMED',
      bodyText: 'Hello {{first_name}}, your code is {{code}}. See you, {{first_name}}!',
      'bodyExamples.first_name': 'Amina',
      'bodyExamples.code': 'X12',
      allowCategoryChange: 'true',
    });
    expect(draft.components).to.deep.equal([
      {
        type: 'BODY',
        text: 'Hello {{first_name}}, your code is {{code}}. See you, {{first_name}}!',
        example: { body_text_named_params: [{ param_name: 'first_name', example: 'Amina' }, { param_name: 'code', example: 'X12' }] },
      },
    ]);
    expect(draft.allow_category_change).to.equal(true);
    expect(validateTemplateDraft(draft)).to.deep.equal([]);
  });

  it('builds an authentication template without body text, with the code expiry and its OTP button', () => {
    const { draft } = templateDraftFromForm({
      name: 'code_connexion',
      language: 'fr',
      category: 'AUTHENTICATION',
      addSecurityRecommendation: 'true',
      codeExpirationMinutes: '10',
      'buttons.0.type': 'OTP',
      'buttons.0.otpType': 'COPY_CODE',
    });
    expect(draft.components).to.deep.equal([
      { type: 'BODY', add_security_recommendation: true },
      { type: 'FOOTER', code_expiration_minutes: 10 },
      { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE' }] },
    ]);
    expect(validateTemplateDraft(draft)).to.deep.equal([]);
  });

  it('points each problem at the field that caused it', () => {
    const { draft, fieldOf } = templateDraftFromForm({
      ...FULL_FORM,
      name: 'Rappel',
      'bodyExamples.2': ' ',
      footerText: 'Merci {{1}}',
      'buttons.2.urlExample': '',
      'buttons.3.phoneNumber': 'not a phone',
    });

    const fields = problemsByField(validateTemplateDraft(draft), fieldOf);

    expect(Object.keys(fields).sort()).to.deep.equal(['bodyExamples.2', 'buttons.2.urlExample', 'buttons.3.phoneNumber', 'footerText', 'name']);
    expect(fields['bodyExamples.2']).to.deep.include({ key: 'templateRules.example.empty' });
    expect(fields['buttons.3.phoneNumber']).to.deep.include({ key: 'templateRules.buttons.phoneInvalid', params: { value: 'not a phone' } });
    expect(fieldOf('')).to.equal(GENERAL_FIELD);
    expect(fieldOf('accountId')).to.equal('accountId');
  });

  it('points a named example problem at that variable’s field', () => {
    const { draft, fieldOf } = templateDraftFromForm({
      name: 'x',
      language: 'en',
      category: 'UTILITY',
      parameterFormat: 'NAMED',
      bodyText: 'Hello {{first_name}}, order {{order_id}} shipped.',
      'bodyExamples.first_name': 'Amina',
    });
    expect(Object.keys(problemsByField(validateTemplateDraft(draft), fieldOf))).to.deep.equal(['bodyExamples.order_id']);
  });

  it('keeps the template’s own name and language when editing', () => {
    const { draft } = templateDraftFromForm({ ...FULL_FORM, name: 'changed', language: 'en' }, { name: 'rappel_cours', language: 'fr' });
    expect(draft).to.include({ name: 'rappel_cours', language: 'fr' });
  });

  it('fills the form from a stored template so that saving it unchanged sends the same body', () => {
    const { draft } = templateDraftFromForm(FULL_FORM);
    const form = templateFormFromTemplate({
      name: 'rappel_cours',
      language: 'fr',
      category: 'UTILITY',
      parameterFormat: 'POSITIONAL',
      components: draft.components,
    });
    expect(templateDraftFromForm(form).draft).to.deep.equal(draft);
    expect(form).to.include({ 'bodyExamples.2': 'Amina', 'buttons.1.type': 'URL', 'buttons.1.urlExample': 'https://ecole.example/cours/b1' });
  });

  it('round-trips any body with numbered variables and their examples', () => {
    const example = fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() === s && s.trim() !== '' && !s.includes('{'));
    fc.assert(
      fc.property(fc.array(example, { minLength: 1, maxLength: 6 }), (examples) => {
        const bodyText = `Bonjour ${examples.map((_, i) => `{{${i + 1}}}`).join(' et ')} !`;
        const form: Record<string, string> = { name: 'n', language: 'fr', category: 'UTILITY', bodyText };
        examples.forEach((value, i) => (form[`bodyExamples.${i + 1}`] = value));
        const { draft } = templateDraftFromForm(form);
        const back = templateFormFromTemplate({ name: 'n', language: 'fr', category: 'UTILITY', parameterFormat: 'POSITIONAL', components: draft.components });
        expect(back).to.deep.equal({ ...form, parameterFormat: 'POSITIONAL' });
      }),
    );
  });
});
