import { expect } from 'chai';
import { markReadRequestBody, messageRequestBody } from '../../../src/cloud-api/message-request-body.js';
import type { OutboundMessage } from '../../../src/cloud-api/outbound-message.js';

const TO = '213555123456';
const wire = (message: OutboundMessage) => JSON.parse(JSON.stringify(messageRequestBody(message))) as unknown;
const envelope = { messaging_product: 'whatsapp', recipient_type: 'individual', to: TO };

describe('messageRequestBody', () => {
  it('writes a text message with its link preview flag', () => {
    expect(wire({ to: TO, type: 'text', text: { body: 'Bonjour 🙂 https://example.org', preview_url: true } })).to.deep.equal({
      ...envelope,
      type: 'text',
      text: { body: 'Bonjour 🙂 https://example.org', preview_url: true },
    });
  });

  it('adds the reply context and the callback data Meta echoes in statuses', () => {
    expect(
      wire({
        to: TO,
        type: 'text',
        text: { body: 'Oui' },
        context: { message_id: 'wamid.IN1' },
        biz_opaque_callback_data: 'msg-7f3a',
      }),
    ).to.deep.equal({
      ...envelope,
      context: { message_id: 'wamid.IN1' },
      type: 'text',
      text: { body: 'Oui' },
      biz_opaque_callback_data: 'msg-7f3a',
    });
  });

  it('writes media by uploaded id or by link, with caption and filename where Meta takes them', () => {
    expect(wire({ to: TO, type: 'image', image: { id: '1234', caption: 'Plan' } })).to.deep.equal({
      ...envelope,
      type: 'image',
      image: { id: '1234', caption: 'Plan' },
    });
    expect(wire({ to: TO, type: 'image', image: { link: 'https://cdn.example.org/a.jpg' } })).to.deep.equal({
      ...envelope,
      type: 'image',
      image: { link: 'https://cdn.example.org/a.jpg' },
    });
    expect(wire({ to: TO, type: 'document', document: { id: '55', caption: 'Facture', filename: 'facture-12.pdf' } })).to.deep.equal({
      ...envelope,
      type: 'document',
      document: { id: '55', caption: 'Facture', filename: 'facture-12.pdf' },
    });
    expect(wire({ to: TO, type: 'video', video: { link: 'https://cdn.example.org/v.mp4', caption: 'Démo' } })).to.deep.equal({
      ...envelope,
      type: 'video',
      video: { link: 'https://cdn.example.org/v.mp4', caption: 'Démo' },
    });
    expect(wire({ to: TO, type: 'audio', audio: { id: '77' } })).to.deep.equal({ ...envelope, type: 'audio', audio: { id: '77' } });
    expect(wire({ to: TO, type: 'sticker', sticker: { id: '88' } })).to.deep.equal({ ...envelope, type: 'sticker', sticker: { id: '88' } });
  });

  it('writes reactions, their removal, locations and contact cards', () => {
    expect(wire({ to: TO, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '👍' } })).to.deep.equal({
      ...envelope,
      type: 'reaction',
      reaction: { message_id: 'wamid.X', emoji: '👍' },
    });
    expect(wire({ to: TO, type: 'reaction', reaction: { message_id: 'wamid.X', emoji: '' } })).to.deep.equal({
      ...envelope,
      type: 'reaction',
      reaction: { message_id: 'wamid.X', emoji: '' },
    });
    expect(wire({ to: TO, type: 'location', location: { latitude: 36.7538, longitude: 3.0588, name: 'Agence', address: 'Alger' } })).to.deep.equal({
      ...envelope,
      type: 'location',
      location: { latitude: 36.7538, longitude: 3.0588, name: 'Agence', address: 'Alger' },
    });
    const card = {
      name: { formatted_name: 'Karim Haddad', first_name: 'Karim', last_name: 'Haddad' },
      phones: [{ phone: '+213 555 00 11 22', type: 'WORK', wa_id: '213555001122' }],
      emails: [{ email: 'karim@example.org', type: 'WORK' }],
      org: { company: 'Ecole', title: 'Directeur' },
    };
    expect(wire({ to: TO, type: 'contacts', contacts: [card] })).to.deep.equal({ ...envelope, type: 'contacts', contacts: [card] });
  });

  it('writes interactive reply buttons and lists', () => {
    const buttons = {
      type: 'button' as const,
      header: { type: 'text' as const, text: 'Inscription' },
      body: { text: 'Quel créneau ?' },
      footer: { text: 'Répondez avant vendredi' },
      action: {
        buttons: [
          { type: 'reply' as const, reply: { id: 'slot-am', title: 'Matin' } },
          { type: 'reply' as const, reply: { id: 'slot-pm', title: 'Après-midi' } },
        ],
      },
    };
    expect(wire({ to: TO, type: 'interactive', interactive: buttons })).to.deep.equal({ ...envelope, type: 'interactive', interactive: buttons });
    const list = {
      type: 'list' as const,
      body: { text: 'Choisissez un cours' },
      action: {
        button: 'Voir les cours',
        sections: [
          { title: 'Langues', rows: [{ id: 'en', title: 'Anglais', description: 'Tous niveaux' }, { id: 'fr', title: 'Français' }] },
          { title: 'Sciences', rows: [{ id: 'math', title: 'Maths' }] },
        ],
      },
    };
    expect(wire({ to: TO, type: 'interactive', interactive: list })).to.deep.equal({ ...envelope, type: 'interactive', interactive: list });
  });

  it('sends only the object its type names', () => {
    const message = { to: TO, type: 'text', text: { body: 'x' }, image: { id: '1' } } as unknown as OutboundMessage;
    expect(wire(message)).to.deep.equal({ ...envelope, type: 'text', text: { body: 'x' } });
  });
});

describe('markReadRequestBody', () => {
  it('marks a message read, with the typing indicator when asked', () => {
    expect(markReadRequestBody('wamid.IN1')).to.deep.equal({ messaging_product: 'whatsapp', status: 'read', message_id: 'wamid.IN1' });
    expect(markReadRequestBody('wamid.IN1', { typingIndicator: true })).to.deep.equal({
      messaging_product: 'whatsapp',
      status: 'read',
      message_id: 'wamid.IN1',
      typing_indicator: { type: 'text' },
    });
  });
});
