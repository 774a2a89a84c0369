import { expect } from 'chai';
import type { InboundMessage } from '../../../src/domain/webhook-payload.js';
import { senderOf } from '../../../src/inbound/store-inbound-messages.js';

const message = (fields: Partial<InboundMessage>): InboundMessage =>
  ({ id: 'wamid.1', timestamp: '1763712000', type: 'text', text: { body: 'x' }, ...fields }) as InboundMessage;

describe('senderOf', () => {
  const contacts = [
    { profile: { name: 'Amina' }, wa_id: '213555123456' },
    { profile: { name: 'Karim' }, wa_id: '213661987654', user_id: 'DZ.7' },
  ];

  it('takes the profile of the contact whose wa_id sent the message, in a batch of several', () => {
    expect(senderOf(message({ from: '213661987654' }), contacts)).to.deep.equal({ waId: '213661987654', userId: 'DZ.7', profileName: 'Karim', username: null });
    expect(senderOf(message({ from: '213555123456' }), contacts)).to.deep.equal({ waId: '213555123456', userId: null, profileName: 'Amina', username: null });
  });

  it('identifies a username-only sender by from_user_id', () => {
    const usernameOnly = [{ profile: { name: 'Nadia', username: '@nadia' }, user_id: 'DZ.9' }];
    expect(senderOf(message({ from_user_id: 'DZ.9' }), usernameOnly)).to.deep.equal({ waId: null, userId: 'DZ.9', profileName: 'Nadia', username: '@nadia' });
  });

  it('returns null when nothing tells who sent it', () => {
    expect(senderOf(message({}), contacts)).to.equal(null);
  });
});
