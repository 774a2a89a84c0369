import { expect } from 'chai';
import { createGraphApiClient } from '../../../src/cloud-api/graph-api-client.js';
import { validateTemplateDraft } from '../../../src/domain/template-rules.js';
import { SAMPLE_TEMPLATES } from '../../../src/sandbox/sample-templates.js';
import { startSandboxGraphApi } from '../../../src/sandbox/start-sandbox-graph-api.js';
import { templateDefinitionProblem } from '../../../src/sandbox/validate-template-definition.js';

describe('the sandbox’s sample templates', () => {
  it('follow Meta’s creation rules, as the sandbox and the app both check them', () => {
    for (const template of SAMPLE_TEMPLATES) {
      expect(templateDefinitionProblem({ ...template }), template.name).to.equal(null);
      expect(validateTemplateDraft({ ...template }), template.name).to.deep.equal([]);
    }
  });

  it('can be sent as soon as the sandbox starts', async () => {
    const sandbox = await startSandboxGraphApi({ templates: { '104729381102938': [...SAMPLE_TEMPLATES] } });
    try {
      const client = createGraphApiClient({ graphUrl: sandbox.url });
      const call = { accessToken: 'any', phoneNumberId: '118237465540912' };
      await client.sendMessage(call, { to: '213555123456', type: 'template', template: { name: 'hello_world', language: { code: 'en_US' } } });
      await client.sendMessage(call, {
        to: '213555123456',
        type: 'template',
        template: {
          name: 'bienvenue_client',
          language: { code: 'fr' },
          components: [
            {
              type: 'body',
              parameters: [
                { type: 'text', text: 'Amina', parameter_name: 'first_name' },
                { type: 'text', text: 'ecole.example', parameter_name: 'site' },
              ],
            },
          ],
        },
      });
      expect(sandbox.log.acceptedMessages()).to.have.length(2);
    } finally {
      await sandbox.close();
    }
  });
});
