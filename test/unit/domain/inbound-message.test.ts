import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { describeInboundMessage, type InboundMessageDescription } from '../../../src/domain/inbound-message.js';
import { parseWebhookBody, type InboundMessage } from '../../../src/domain/webhook-payload.js';
import { deliveryOf, SAMPLE_MESSAGES, type SampleName } from './fixtures/sample-messages.js';

function firstMessage(body: unknown): InboundMessage {
  const result = parseWebhookBody(body);
  if (!result.ok) throw new Error(result.reason);
  for (const entry of result.envelope.entry) {
    for (const change of entry.changes) {
      const message = change.kind === 'messages' ? change.value.messages?.[0] : undefined;
      if (message) return message;
    }
  }
  throw new Error('no message in the delivery');
}

const describeSample = (name: SampleName) => describeInboundMessage(firstMessage(deliveryOf([SAMPLE_MESSAGES[name]])));

const fixture = (name: string): unknown =>
  JSON.parse(readFileSync(new URL(`./fixtures/webhooks/${name}.json`, import.meta.url), 'utf8'));

const unsupportedError = {
  errorCode: 131051,
  errorTitle: 'Message type unknown',
  errorDetails: 'Message type is currently not supported.',
};

const EXPECTED: Record<SampleName, InboundMessageDescription> = {
  text: { type: 'text', body: 'Bonjour, nous sommes une école privée à Oran', replyToWamid: null },
  image: {
    type: 'image',
    body: 'Le reçu',
    replyToWamid: null,
    media: { id: 'media-image', mimeType: 'image/jpeg', sha256: 'sha-image', fileName: null },
  },
  imageWithUrl: {
    type: 'image',
    body: null,
    replyToWamid: null,
    media: {
      id: 'media-image-2',
      mimeType: 'image/png',
      sha256: 'sha-image-2',
      fileName: null,
      url: 'https://lookaside.fbsbx.com/x',
    },
  },
  video: {
    type: 'video',
    body: 'Visite',
    replyToWamid: null,
    media: { id: 'media-video', mimeType: 'video/mp4', sha256: 'sha-video', fileName: null },
  },
  voice: {
    type: 'audio',
    body: null,
    replyToWamid: null,
    media: { id: 'media-voice', mimeType: 'audio/ogg; codecs=opus', sha256: 'sha-voice', fileName: null, voice: true },
  },
  audio: {
    type: 'audio',
    body: null,
    replyToWamid: null,
    media: { id: 'media-audio', mimeType: 'audio/mpeg', sha256: 'sha-audio', fileName: null, voice: false },
  },
  document: {
    type: 'document',
    body: 'La convention signée',
    replyToWamid: null,
    media: { id: 'media-doc', mimeType: 'application/pdf', sha256: 'sha-doc', fileName: 'convention.pdf' },
  },
  sticker: {
    type: 'sticker',
    body: null,
    replyToWamid: null,
    media: { id: 'media-sticker', mimeType: 'image/webp', sha256: 'sha-sticker', fileName: null, animated: true },
  },
  location: { type: 'location', body: 'Lycée Pasteur, Bd de la Soummam, Oran', replyToWamid: null },
  locationBare: { type: 'location', body: '36.7538, 3.0588', replyToWamid: null },
  contacts: {
    type: 'contacts',
    body: 'Nadia Saïdi (+213 661 22 33 44), Direction École Ibn Khaldoun (+213 21 23 45 67)',
    replyToWamid: null,
  },
  buttonReply: { type: 'interactive', body: 'Oui', replyToWamid: 'wamid.OUT-QUESTION' },
  listReply: { type: 'interactive', body: 'Niveau B2', replyToWamid: 'wamid.OUT-LIST' },
  nfmReply: { type: 'interactive', body: 'school: Ibn Khaldoun', replyToWamid: 'wamid.OUT-FLOW' },
  templateButton: { type: 'button', body: 'Je confirme', replyToWamid: 'wamid.OUT-TEMPLATE' },
  reaction: {
    type: 'reaction',
    body: '👍',
    replyToWamid: null,
    reaction: { targetWamid: 'wamid.OUT-1', emoji: '👍' },
  },
  reactionRemoved: {
    type: 'reaction',
    body: null,
    replyToWamid: null,
    reaction: { targetWamid: 'wamid.OUT-1', emoji: null },
  },
  reactionRemovedNoEmoji: {
    type: 'reaction',
    body: null,
    replyToWamid: null,
    reaction: { targetWamid: 'wamid.OUT-1', emoji: null },
  },
  order: {
    type: 'order',
    body: 'Pour la rentrée\n2 × manuel-fr-3am (850 DZD)\n10 × cahier-96 (120 DZD)',
    replyToWamid: null,
  },
  systemChangedNumber: {
    type: 'system',
    body: 'User A changed from 213555123456 to 213555999888',
    replyToWamid: null,
    system: { type: 'user_changed_number', newWaId: '213555999888', newUserId: null, previousUserId: null },
  },
  systemIdentity: {
    type: 'system',
    body: 'User A changed their identity',
    replyToWamid: null,
    system: { type: 'customer_identity_changed', newWaId: null, newUserId: null, previousUserId: null },
  },
  unsupported: { type: 'unsupported', body: null, replyToWamid: null, ...unsupportedError },
  unknown: {
    type: 'unknown',
    body: null,
    replyToWamid: null,
    errorCode: 131051,
    errorTitle: 'Unsupported message type',
    errorDetails: 'Message type is not currently supported',
  },
  requestWelcome: { type: 'request_welcome', body: null, replyToWamid: null },
  futureType: { type: 'hologram', body: null, replyToWamid: null },
  forwardedText: { type: 'text', body: 'Transféré', replyToWamid: null },
  usernameOnly: { type: 'text', body: 'Salam', replyToWamid: null },
};

describe('describeInboundMessage', () => {
  for (const name of Object.keys(SAMPLE_MESSAGES) as SampleName[]) {
    it(`describes ${name}`, () => {
      expect(describeSample(name)).to.deep.equal(EXPECTED[name]);
    });
  }

  describe('the shared fixtures', () => {
    it('inbound text', () => {
      expect(describeInboundMessage(firstMessage(fixture('inbound-text')))).to.deep.equal({
        type: 'text',
        body: 'Bonjour, je voudrais inscrire mon fils au cours d’anglais.',
        replyToWamid: null,
      });
    });

    it('inbound image with its caption and media', () => {
      expect(describeInboundMessage(firstMessage(fixture('inbound-image')))).to.deep.equal({
        type: 'image',
        body: 'Le reçu du paiement',
        replyToWamid: null,
        media: {
          id: '1480299316452345',
          mimeType: 'image/jpeg',
          sha256: 'x2v4Zb0mVvH5lR8oZ1M8pQ6yJv8d0jW7n5kq3w9fA1E=',
          fileName: null,
        },
      });
    });

    it('button reply keeps the message it answers', () => {
      const description = describeInboundMessage(firstMessage(fixture('interactive-button-reply')));
      expect(description).to.include({ body: 'Oui', replyToWamid: 'wamid.HBgMMjEzNTU1MTIzNDU2FQIAERgSOUQ5QjU1RjQ1QjA3RTcwMDAA' });
    });

    it('reaction points at its target message', () => {
      expect(describeInboundMessage(firstMessage(fixture('reaction'))).reaction).to.deep.equal({
        targetWamid: 'wamid.HBgMMjEzNTU1MTIzNDU2FQIAERgSOUQ5QjU1RjQ1QjA3RTcwMDAA',
        emoji: '👍',
      });
    });
  });

  const variant = (name: SampleName, patch: Record<string, unknown>) =>
    describeInboundMessage(firstMessage(deliveryOf([{ ...SAMPLE_MESSAGES[name], ...patch }])));

  it('finds an uncaptioned document by its file name', () => {
    const document = { id: 'd', mime_type: 'application/pdf', sha256: 's', filename: 'devis.pdf' };
    expect(variant('document', { document })).to.include({ body: 'devis.pdf' });
  });

  it('names the system change from the older new_wa_id spelling', () => {
    const system = { body: 'changed', type: 'user_changed_number', new_wa_id: '213555000111' };
    expect(variant('systemChangedNumber', { system }).system).to.deep.equal({
      type: 'user_changed_number',
      newWaId: '213555000111',
      newUserId: null,
      previousUserId: null,
    });
  });

  it("shows a flow reply's own body when its answers cannot be read", () => {
    const interactive = { type: 'nfm_reply', nfm_reply: { name: 'flow', body: 'Sent', response_json: 'not json' } };
    expect(variant('nfmReply', { interactive })).to.include({ body: 'Sent' });
  });

  it('shows the text of a new message type that follows Meta’s naming', () => {
    expect(variant('futureType', { type: 'note', note: { body: 'Nouveau format' } })).to.include({ body: 'Nouveau format' });
  });

  it('keeps the error of any message that carries one', () => {
    const errors = [{ code: 131052, title: 'Media download error', message: 'Could not download' }];
    expect(variant('image', { errors })).to.include({
      errorCode: 131052,
      errorTitle: 'Media download error',
      errorDetails: 'Could not download',
    });
  });

  it('summarises a shared contact that has only a phone', () => {
    const contacts = [{ phones: [{ wa_id: '213661223344' }] }];
    expect(variant('contacts', { contacts })).to.include({ body: '213661223344' });
  });
});
