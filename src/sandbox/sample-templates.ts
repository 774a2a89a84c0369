import type { SeedTemplate } from './sandbox-template-store.js';

/**
 * Templates a fresh sandbox WABA starts with, so that a new user can send a template at once:
 * Meta's own `hello_world` (every new WABA has it) and two in French with parameters.
 */
export const SAMPLE_TEMPLATES: readonly SeedTemplate[] = [
  {
    name: 'hello_world',
    language: 'en_US',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Hello World' },
      { type: 'BODY', text: 'Welcome and congratulations!! This message demonstrates your ability to send a WhatsApp message notification from the Cloud API, hosted by Meta. Thank you for taking the time to test with us.' },
      { type: 'FOOTER', text: 'WhatsApp Business Platform sample message' },
    ],
  },
  {
    name: 'rappel_rendez_vous',
    language: 'fr',
    category: 'UTILITY',
    components: [
      {
        type: 'BODY',
        text: 'Bonjour {{1}}, nous vous rappelons votre rendez-vous du {{2}}. Répondez pour confirmer.',
        example: { body_text: [['Amina', '12 mai à 10 h']] },
      },
      { type: 'BUTTONS', buttons: [{ type: 'QUICK_REPLY', text: 'Je confirme' }, { type: 'QUICK_REPLY', text: 'Je reporte' }] },
    ],
  },
  {
    name: 'bienvenue_client',
    language: 'fr',
    category: 'MARKETING',
    parameter_format: 'NAMED',
    components: [
      {
        type: 'BODY',
        text: 'Bienvenue {{first_name}} ! Découvrez nos offres sur {{site}}.',
        example: {
          body_text_named_params: [
            { param_name: 'first_name', example: 'Amina' },
            { param_name: 'site', example: 'example.com' },
          ],
        },
      },
    ],
  },
];
