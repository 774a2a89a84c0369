import { expect } from 'chai';
import { SIMULATION_KINDS, buildDelivery, serializeDelivery, type WebhookDelivery } from '../../../src/sandbox/simulated-deliveries.js';

type Value = {
  metadata?: { phone_number_id: string };
  contacts?: { wa_id: string; profile: { name: string } }[];
  messages?: Record<string, unknown>[];
  statuses?: Record<string, unknown>[];
};

function changes(delivery: WebhookDelivery) {
  return delivery.entry.flatMap((entry) => entry.changes);
}
function messages(delivery: WebhookDelivery) {
  return changes(delivery).flatMap((change) => (change.value as Value).messages ?? []);
}
function statuses(delivery: WebhookDelivery) {
  return changes(delivery).flatMap((change) => (change.value as Value).statuses ?? []);
}

describe('simulated webhook deliveries', () => {
  const messageTypes: Record<string, string> = {
    text: 'text', image: 'image', audio: 'audio', voice: 'audio', video: 'video', document: 'document', sticker: 'sticker',
    location: 'location', contacts: 'contacts', reaction: 'reaction', 'button-reply': 'interactive', 'list-reply': 'interactive',
    'flow-reply': 'interactive', button: 'button', order: 'order', system: 'system', unsupported: 'unsupported',
    'request-welcome': 'request_welcome',
  };

  for (const [kind, type] of Object.entries(messageTypes)) {
    it(`${kind}: one message of type ${type} with its body, addressed to the number, from the customer`, () => {
      const delivery = buildDelivery(kind as never, { phoneNumberId: '42', from: '213661987654', name: 'Karim' });
      const [change] = changes(delivery);
      const value = change!.value as Value;
      expect(delivery.object).to.equal('whatsapp_business_account');
      expect(change!.field).to.equal('messages');
      expect(value.metadata?.phone_number_id).to.equal('42');
      expect(value.contacts).to.deep.equal([{ profile: { name: 'Karim' }, wa_id: '213661987654' }]);
      const [message] = messages(delivery);
      expect(message).to.include({ type, from: '213661987654' });
      expect(message!.id).to.match(/^wamid\./);
      expect(message!.timestamp).to.match(/^\d+$/);
      if (!['request_welcome', 'unsupported'].includes(type)) expect(message).to.have.property(type);
    });
  }

  it('marks a voice note as voice and an audio file as not', () => {
    expect((messages(buildDelivery('voice'))[0]!.audio as { voice: boolean }).voice).to.equal(true);
    expect((messages(buildDelivery('audio'))[0]!.audio as { voice: boolean }).voice).to.equal(false);
  });

  it('gives each delivery new ids unless one is asked for, so a redelivery can be simulated', () => {
    expect(messages(buildDelivery('text'))[0]!.id).to.not.equal(messages(buildDelivery('text'))[0]!.id);
    expect(messages(buildDelivery('text', { wamid: 'wamid.SAME' }))[0]!.id).to.equal('wamid.SAME');
  });

  it('attaches a reaction to the message given, and removes it with an empty emoji', () => {
    const [reaction] = messages(buildDelivery('reaction', { wamid: 'wamid.TARGET', emoji: '❤️' }));
    expect(reaction!.reaction).to.deep.equal({ message_id: 'wamid.TARGET', emoji: '❤️' });
    expect(reaction!.id).to.not.equal('wamid.TARGET');
    expect(messages(buildDelivery('reaction', { wamid: 'wamid.TARGET', emoji: '' }))[0]!.reaction).to.deep.equal({ message_id: 'wamid.TARGET' });
  });

  it('makes a message a reply with context.id', () => {
    expect(messages(buildDelivery('text', { replyTo: 'wamid.ORIGINAL' }))[0]!.context).to.include({ id: 'wamid.ORIGINAL' });
  });

  it('builds a status about the message given, with Meta’s error on failed', () => {
    const [read] = statuses(buildDelivery('status', { status: 'read', wamid: 'wamid.OUT', from: '213555000111', callbackData: 'msg-7' }));
    expect(read).to.include({ id: 'wamid.OUT', status: 'read', recipient_id: '213555000111', biz_opaque_callback_data: 'msg-7' });
    const [failed] = statuses(buildDelivery('status', { status: 'failed' }));
    expect((failed!.errors as { code: number }[])[0]!.code).to.equal(131047);
  });

  it('builds a template status update on its own field', () => {
    const [change] = changes(buildDelivery('template-update', { templateName: 'bienvenue', templateEvent: 'PAUSED' }));
    expect(change!.field).to.equal('message_template_status_update');
    expect(change!.value).to.include({ event: 'PAUSED', message_template_name: 'bienvenue' });
  });

  it('batches 2 entries × 2 changes with several messages and statuses, all with distinct ids', () => {
    const delivery = buildDelivery('batched');
    expect(delivery.entry).to.have.length(2);
    for (const entry of delivery.entry) expect(entry.changes).to.have.length(2);
    const ids = messages(delivery).map((m) => m.id);
    expect(ids.length).to.be.at.least(5);
    expect(new Set(ids).size).to.equal(ids.length);
    expect(statuses(delivery).map((s) => s.status)).to.include.members(['sent', 'delivered', 'read', 'failed']);
  });

  it('serialises either as UTF-8 or with Meta’s \\u escapes: other bytes, the same JSON', () => {
    for (const kind of SIMULATION_KINDS) {
      const delivery = buildDelivery(kind, { text: 'Élève à l’école 🙂 https://x.dz/a' });
      const plain = serializeDelivery(delivery);
      const escaped = serializeDelivery(delivery, { escapeUnicode: true });
      expect(JSON.parse(escaped), kind).to.deep.equal(JSON.parse(plain));
      expect(/^[\x20-\x7e]*$/.test(escaped), kind).to.equal(true);
    }
    const escaped = serializeDelivery(buildDelivery('text', { text: 'é🙂/' }), { escapeUnicode: true });
    expect(escaped).to.contain('\\u00e9\\ud83d\\ude42\\/');
  });
});
