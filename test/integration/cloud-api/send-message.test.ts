import { expect } from 'chai';
import { GRAPH_API_VERSION } from '../../../src/cloud-api/graph-api-version.js';
import { GRAPH_USER_AGENT } from '../../../src/cloud-api/graph-transport.js';
import type { MessageContent, OutboundMessage, TemplateMessage } from '../../../src/cloud-api/outbound-message.js';
import type { SeedTemplate } from '../../../src/sandbox/sandbox-template-store.js';
import { CUSTOMER, NUMBER, startSandboxFixture, TOKEN, type SandboxFixture } from './sandbox-fixture.js';

const TEMPLATES: SeedTemplate[] = [
  {
    name: 'order_update',
    language: 'fr',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'TEXT', text: 'Commande {{1}}', example: { header_text: ['A-12'] } },
      { type: 'BODY', text: 'Bonjour {{1}}, total {{2}}, livraison le {{3}}.', example: { body_text: [['Amina', '1 200 DZD', '12 mai']] } },
      {
        type: 'BUTTONS',
        buttons: [
          { type: 'URL', text: 'Suivre', url: 'https://shop.example/track/{{1}}', example: ['https://shop.example/track/A-12'] },
          { type: 'QUICK_REPLY', text: 'Stop' },
        ],
      },
    ],
  },
  { name: 'brochure_image', language: 'fr', category: 'MARKETING', components: [{ type: 'HEADER', format: 'IMAGE' }, { type: 'BODY', text: 'Notre brochure' }] },
  { name: 'course_video', language: 'fr', category: 'MARKETING', components: [{ type: 'HEADER', format: 'VIDEO' }, { type: 'BODY', text: 'La vidéo du cours' }] },
  { name: 'invoice_ready', language: 'fr', category: 'UTILITY', components: [{ type: 'HEADER', format: 'DOCUMENT' }, { type: 'BODY', text: 'Votre facture' }] },
  { name: 'agency_location', language: 'fr', category: 'UTILITY', components: [{ type: 'HEADER', format: 'LOCATION' }, { type: 'BODY', text: 'Notre agence' }] },
  {
    name: 'promo_code',
    language: 'fr',
    category: 'MARKETING',
    components: [
      { type: 'BODY', text: '-{{1}} avec ce code', example: { body_text: [['20 %']] } },
      { type: 'BUTTONS', buttons: [{ type: 'COPY_CODE', example: 'RENTREE' }] },
    ],
  },
  {
    name: 'signup_flow',
    language: 'fr',
    category: 'MARKETING',
    components: [
      { type: 'BODY', text: 'Inscrivez-vous' },
      { type: 'BUTTONS', buttons: [{ type: 'FLOW', text: 'Formulaire', flow_id: '5550001' }] },
    ],
  },
  {
    name: 'welcome_named',
    language: 'fr',
    category: 'UTILITY',
    parameter_format: 'NAMED',
    components: [
      {
        type: 'HEADER',
        format: 'TEXT',
        text: 'Bienvenue {{first_name}}',
        example: { header_text_named_params: [{ param_name: 'first_name', example: 'Amina' }] },
      },
      {
        type: 'BODY',
        text: 'Votre cours {{course}} commence le {{start_date}}.',
        example: {
          body_text_named_params: [
            { param_name: 'course', example: 'Anglais B1' },
            { param_name: 'start_date', example: '3 juin' },
          ],
        },
      },
    ],
  },
  {
    name: 'login_code',
    language: 'fr',
    category: 'AUTHENTICATION',
    components: [
      { type: 'BODY', add_security_recommendation: true },
      { type: 'BUTTONS', buttons: [{ type: 'OTP', otp_type: 'COPY_CODE', text: 'Copier' }] },
    ],
  },
];

describe('sending every message kind through the client (real HTTP, sandbox)', () => {
  let fixture: SandboxFixture;
  let imageId: string;
  let documentId: string;

  before(async () => {
    fixture = await startSandboxFixture({ templates: { [NUMBER.wabaId]: TEMPLATES } });
    imageId = (await fixture.client.uploadMedia(fixture.number, { data: Buffer.from('fake jpeg'), mimeType: 'image/jpeg', filename: 'a.jpg' })).id;
    documentId = (await fixture.client.uploadMedia(fixture.number, { data: Buffer.from('%PDF-1.7'), mimeType: 'application/pdf', filename: 'f.pdf' })).id;
  });
  after(() => fixture.sandbox.close());

  /** Sends and returns exactly what the sandbox received. */
  async function sent(message: OutboundMessage, expectedStatus: string | null = null): Promise<unknown> {
    const result = await fixture.client.sendMessage(fixture.number, message);
    const entry = fixture.sandbox.log.last('messages')!;
    expect(result).to.deep.equal({ wamid: entry.wamid, waId: CUSTOMER, messageStatus: expectedStatus });
    expect(result.wamid).to.match(/^wamid\./);
    return entry.body;
  }
  const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: CUSTOMER };
  const plain = (content: MessageContent) => ({ ...envelope, ...content });

  it('posts to the versioned messages edge with the bearer token and an explicit User-Agent', async () => {
    await sent({ to: CUSTOMER, type: 'text', text: { body: 'Bonjour' } });
    const entry = fixture.sandbox.log.last('messages')!;
    expect(entry).to.include({ method: 'POST', path: `/${NUMBER.phoneNumberId}/messages`, accessToken: TOKEN, userAgent: GRAPH_USER_AGENT });
    expect(fixture.client.baseUrl).to.equal(`${fixture.sandbox.url}/${GRAPH_API_VERSION}`);
  });

  it('sends text with a link preview, a reply context and callback data', async () => {
    const message: OutboundMessage = {
      to: CUSTOMER,
      type: 'text',
      text: { body: 'Voici le lien 🙂 https://ecole.example/inscription', preview_url: true },
      context: { message_id: 'wamid.INBOUND1' },
      biz_opaque_callback_data: '0b9d4c1e-msg',
    };
    expect(await sent(message)).to.deep.equal({
      ...envelope,
      context: { message_id: 'wamid.INBOUND1' },
      type: 'text',
      text: { body: 'Voici le lien 🙂 https://ecole.example/inscription', preview_url: true },
      biz_opaque_callback_data: '0b9d4c1e-msg',
    });
  });

  it('sends image, document, audio, video and sticker by uploaded id or by link', async () => {
    const kinds: MessageContent[] = [
      { type: 'image', image: { id: imageId, caption: 'Le plan' } },
      { type: 'image', image: { link: 'https://cdn.example.org/plan.jpg', caption: 'Le plan' } },
      { type: 'document', document: { id: documentId, caption: 'Facture', filename: 'facture-12.pdf' } },
      { type: 'document', document: { link: 'https://cdn.example.org/f.pdf', filename: 'f.pdf' } },
      { type: 'audio', audio: { link: 'https://cdn.example.org/a.ogg' } },
      { type: 'video', video: { link: 'https://cdn.example.org/v.mp4', caption: 'Démo' } },
      { type: 'sticker', sticker: { link: 'https://cdn.example.org/s.webp' } },
    ];
    for (const content of kinds) expect(await sent({ to: CUSTOMER, ...content } as OutboundMessage), content.type).to.deep.equal(plain(content));
  });

  it('sends reactions, locations and contacts', async () => {
    const kinds: MessageContent[] = [
      { type: 'reaction', reaction: { message_id: 'wamid.INBOUND1', emoji: '❤️' } },
      { type: 'reaction', reaction: { message_id: 'wamid.INBOUND1', emoji: '' } },
      { type: 'location', location: { latitude: 36.7538, longitude: 3.0588, name: 'Agence centre', address: '1 rue Didouche Mourad, Alger' } },
      {
        type: 'contacts',
        contacts: [
          {
            name: { formatted_name: 'Secrétariat', first_name: 'Secrétariat' },
            phones: [{ phone: '+213 770 00 11 22', type: 'WORK', wa_id: '213770001122' }],
            urls: [{ url: 'https://ecole.example', type: 'WORK' }],
          },
        ],
      },
    ];
    for (const content of kinds) expect(await sent({ to: CUSTOMER, ...content } as OutboundMessage), content.type).to.deep.equal(plain(content));
  });

  it('sends interactive reply buttons (with a media header) and lists', async () => {
    const kinds: MessageContent[] = [
      {
        type: 'interactive',
        interactive: {
          type: 'button',
          header: { type: 'image', image: { id: imageId } },
          body: { text: 'Quel créneau vous convient ?' },
          footer: { text: 'École des langues' },
          action: {
            buttons: [
              { type: 'reply', reply: { id: 'slot-am', title: 'Matin' } },
              { type: 'reply', reply: { id: 'slot-pm', title: 'Après-midi' } },
              { type: 'reply', reply: { id: 'slot-eve', title: 'Soir' } },
            ],
          },
        },
      },
      {
        type: 'interactive',
        interactive: {
          type: 'list',
          header: { type: 'text', text: 'Cours' },
          body: { text: 'Choisissez un cours' },
          action: {
            button: 'Voir les cours',
            sections: [
              { title: 'Langues', rows: [{ id: 'en', title: 'Anglais', description: 'A1 à C1' }, { id: 'es', title: 'Espagnol' }] },
              { title: 'Soutien', rows: [{ id: 'math', title: 'Maths' }] },
            ],
          },
        },
      },
    ];
    for (const content of kinds) expect(await sent({ to: CUSTOMER, ...content } as OutboundMessage)).to.deep.equal(plain(content));
  });

  it('marks a message read, with the typing indicator', async () => {
    await fixture.client.markAsRead(fixture.number, 'wamid.INBOUND1', { typingIndicator: true });
    expect(fixture.sandbox.log.last('mark-read')!.body).to.deep.equal({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.INBOUND1',
      typing_indicator: { type: 'text' },
    });
  });

  describe('template parameters of every kind', () => {
    const expectSent = async (template: TemplateMessage) =>
      expect(await sent({ to: CUSTOMER, type: 'template', template }, 'accepted')).to.deep.equal({ ...envelope, type: 'template', template });

    it('header text; body text, currency and date_time; url and quick-reply buttons', () =>
      expectSent({
        name: 'order_update',
        language: { code: 'fr' },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: 'A-12' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Amina' },
              { type: 'currency', currency: { fallback_value: '1 200 DZD', code: 'DZD', amount_1000: 1_200_000 } },
              { type: 'date_time', date_time: { fallback_value: '12 mai 2026' } },
            ],
          },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: 'A-12' }] },
          { type: 'button', sub_type: 'quick_reply', index: '1', parameters: [{ type: 'payload', payload: 'STOP_ORDER_A12' }] },
        ],
      }));

    it('image, video, document and location headers', async () => {
      await expectSent({ name: 'brochure_image', language: { code: 'fr' }, components: [{ type: 'header', parameters: [{ type: 'image', image: { id: imageId } }] }] });
      await expectSent({
        name: 'course_video',
        language: { code: 'fr' },
        components: [{ type: 'header', parameters: [{ type: 'video', video: { link: 'https://cdn.example.org/cours.mp4' } }] }],
      });
      await expectSent({
        name: 'invoice_ready',
        language: { code: 'fr' },
        components: [{ type: 'header', parameters: [{ type: 'document', document: { id: documentId, filename: 'facture-12.pdf' } }] }],
      });
      await expectSent({
        name: 'agency_location',
        language: { code: 'fr' },
        components: [
          {
            type: 'header',
            parameters: [{ type: 'location', location: { latitude: 36.7538, longitude: 3.0588, name: 'Agence centre', address: 'Alger' } }],
          },
        ],
      });
    });

    it('copy-code and flow buttons', async () => {
      await expectSent({
        name: 'promo_code',
        language: { code: 'fr' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: '20 %' }] },
          { type: 'button', sub_type: 'copy_code', index: '0', parameters: [{ type: 'coupon_code', coupon_code: 'RENTREE26' }] },
        ],
      });
      await expectSent({
        name: 'signup_flow',
        language: { code: 'fr' },
        components: [
          {
            type: 'button',
            sub_type: 'flow',
            index: '0',
            parameters: [{ type: 'action', action: { flow_token: 'tok-123', flow_action_data: { course: 'en' } } }],
          },
        ],
      });
    });

    it('named parameters carry parameter_name', () =>
      expectSent({
        name: 'welcome_named',
        language: { code: 'fr' },
        components: [
          { type: 'header', parameters: [{ type: 'text', text: 'Amina', parameter_name: 'first_name' }] },
          {
            type: 'body',
            parameters: [
              { type: 'text', text: 'Anglais B1', parameter_name: 'course' },
              { type: 'date_time', date_time: { fallback_value: '3 juin' }, parameter_name: 'start_date' },
            ],
          },
        ],
      }));

    it('an authentication code goes in the body and in the copy-code button', () =>
      expectSent({
        name: 'login_code',
        language: { code: 'fr' },
        components: [
          { type: 'body', parameters: [{ type: 'text', text: '482913' }] },
          { type: 'button', sub_type: 'url', index: '0', parameters: [{ type: 'text', text: '482913' }] },
        ],
      }));
  });
});
