import { expect } from 'chai';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import {
  isKnownInboundMessage,
  parseWebhookBody,
  type InboundMessage,
  type WebhookChange,
  type WebhookEnvelope,
} from '../../../src/domain/webhook-payload.js';
import { deliveryOf, SAMPLE_MESSAGES } from './fixtures/sample-messages.js';

function fixture(name: string): unknown {
  return JSON.parse(readFileSync(new URL(`./fixtures/webhooks/${name}.json`, import.meta.url), 'utf8'));
}

function parsed(json: unknown): WebhookEnvelope {
  const result = parseWebhookBody(json);
  if (!result.ok) throw new Error(`expected the body to parse: ${result.reason}`);
  return result.envelope;
}

function reasonOf(json: unknown): string {
  const result = parseWebhookBody(json);
  if (result.ok) throw new Error('expected the body to be rejected');
  return result.reason;
}

function changes(envelope: WebhookEnvelope): WebhookChange[] {
  return envelope.entry.flatMap((entry) => entry.changes);
}

function messagesOf(envelope: WebhookEnvelope): InboundMessage[] {
  return changes(envelope).flatMap((change) => (change.kind === 'messages' ? (change.value.messages ?? []) : []));
}

const clone = <T>(value: T): T => structuredClone(value);

describe('parseWebhookBody', () => {
  describe('the shared fixtures', () => {
    it('reads every entry, change, message and status of a batched delivery', () => {
      const envelope = parsed(fixture('batched'));
      expect(envelope.entry).to.have.length(2);
      expect(messagesOf(envelope).map((m) => m.id)).to.deep.equal(['wamid.BATCH-A1', 'wamid.BATCH-A2', 'wamid.BATCH-B1']);
      const statuses = changes(envelope).flatMap((c) => (c.kind === 'messages' ? (c.value.statuses ?? []) : []));
      expect(statuses.map((s) => s.status)).to.deep.equal(['sent', 'read']);
      const contacts = changes(envelope).flatMap((c) => (c.kind === 'messages' ? (c.value.contacts ?? []) : []));
      expect(contacts.map((c) => c.wa_id)).to.deep.equal(['213555123456', '213661987654', '213770445566']);
    });

    it('routes by the phone_number_id of each change', () => {
      const [change] = changes(parsed(fixture('inbound-text')));
      if (change?.kind !== 'messages') throw new Error('expected a messages change');
      expect(change.value.metadata.phone_number_id).to.equal('118237465540912');
      expect(change.value.metadata.display_phone_number).to.equal('213770001122');
    });

    for (const name of ['inbound-text', 'inbound-image', 'interactive-button-reply', 'reaction']) {
      it(`parses ${name} as a known message type`, () => {
        const [message] = messagesOf(parsed(fixture(name)));
        expect(message && isKnownInboundMessage(message)).to.equal(true);
      });
    }

    it('keeps a delivered status with its conversation and pricing', () => {
      const [change] = changes(parsed(fixture('status-delivered')));
      if (change?.kind !== 'messages') throw new Error('expected a messages change');
      const [status] = change.value.statuses ?? [];
      expect(status).to.include({ status: 'delivered', timestamp: '1763712240', recipient_id: '213555123456' });
      expect(status?.conversation?.origin?.type).to.equal('service');
      expect(status?.pricing).to.include({ billable: false, pricing_model: 'PMP', category: 'service' });
    });

    it("keeps a failed status's error code, title and details", () => {
      const [change] = changes(parsed(fixture('status-failed-131047')));
      if (change?.kind !== 'messages') throw new Error('expected a messages change');
      const [error] = change.value.statuses?.[0]?.errors ?? [];
      expect(error).to.include({ code: 131047, title: 'Re-engagement message' });
      expect(error?.error_data?.details).to.match(/24 hours/);
    });

    it('reads a template status update, with the template id as an exact string', () => {
      const [change] = changes(parsed(fixture('template-status-rejected')));
      if (change?.kind !== 'template_status') throw new Error(`expected a template status change, got ${change?.kind}`);
      expect(change.value).to.include({
        event: 'REJECTED',
        message_template_id: '1689556908129835',
        message_template_name: 'rappel_inscription',
        message_template_language: 'fr',
        reason: 'INVALID_FORMAT',
      });
      expect(parsed(fixture('template-status-rejected')).entry[0]?.time).to.equal(1763712360);
    });
  });

  describe('every message type', () => {
    for (const [name, sample] of Object.entries(SAMPLE_MESSAGES)) {
      it(`parses ${name} (type ${sample.type}) and keeps it whole`, () => {
        const [message] = messagesOf(parsed(deliveryOf([sample])));
        expect(message).to.deep.equal(sample);
      });
    }

    it('parses a message type it does not know as a generic message, with its payload', () => {
      const [message] = messagesOf(parsed(deliveryOf([SAMPLE_MESSAGES.futureType])));
      if (!message) throw new Error('expected the message');
      expect(isKnownInboundMessage(message)).to.equal(false);
      expect(message.type).to.equal('hologram');
      expect(message).to.have.nested.property('hologram.depth', 3);
    });

    it('parses an interactive reply of a kind it does not know', () => {
      const sample = {
        ...SAMPLE_MESSAGES.buttonReply,
        interactive: { type: 'call_permission_reply', call_permission_reply: { response: 'accept' } },
      };
      const [message] = messagesOf(parsed(deliveryOf([sample])));
      expect(message).to.deep.equal(sample);
    });

    it('keeps fields Meta adds to a known type', () => {
      const sample = { ...SAMPLE_MESSAGES.text, text: { body: 'x', language: 'fr' }, ephemeral: true };
      const [message] = messagesOf(parsed(deliveryOf([sample])));
      expect(message).to.deep.equal(sample);
    });

    it('accepts a numeric timestamp and keeps it as unix-second digits', () => {
      const [message] = messagesOf(parsed(deliveryOf([{ ...SAMPLE_MESSAGES.text, timestamp: 1763712000 }])));
      expect(message?.timestamp).to.equal('1763712000');
    });

    it('accepts a message without a phone number when the sender has a user id', () => {
      const [message] = messagesOf(parsed(deliveryOf([SAMPLE_MESSAGES.usernameOnly])));
      expect(message?.from).to.equal(undefined);
      expect(message?.from_user_id).to.equal('DZ.1349876543210');
    });
  });

  describe('other changes', () => {
    const template = { message_template_id: 77, message_template_name: 'rappel', message_template_language: 'ar' };
    const envelopeOf = (field: string, value: unknown) => ({
      object: 'whatsapp_business_account',
      entry: [{ id: '104729381102938', time: 1763712360, changes: [{ field, value }] }],
    });

    it('reads a template category update', () => {
      const value = { ...template, previous_category: 'UTILITY', new_category: 'MARKETING' };
      const [change] = changes(parsed(envelopeOf('template_category_update', value)));
      if (change?.kind !== 'template_category') throw new Error('expected a template category change');
      expect(change.value).to.include({ message_template_id: '77', new_category: 'MARKETING', previous_category: 'UTILITY' });
    });

    it('reads a template quality update', () => {
      const value = { ...template, previous_quality_score: 'GREEN', new_quality_score: 'YELLOW' };
      const [change] = changes(parsed(envelopeOf('message_template_quality_update', value)));
      if (change?.kind !== 'template_quality') throw new Error('expected a template quality change');
      expect(change.value).to.include({ new_quality_score: 'YELLOW', previous_quality_score: 'GREEN' });
    });

    it('keeps a template status event it does not know yet', () => {
      const value = { ...template, event: 'HIBERNATED', reason: null };
      const [change] = changes(parsed(envelopeOf('message_template_status_update', value)));
      expect(change).to.have.nested.property('value.event', 'HIBERNATED');
    });

    it('reads a number or account notice with its value untouched', () => {
      const value = { phone_number: '213770001122', event: 'ACCOUNT_VIOLATION', violation_info: { violation_type: 'SPAM' } };
      const [change] = changes(parsed(envelopeOf('account_update', value)));
      expect(change).to.deep.equal({ kind: 'account_notice', field: 'account_update', value });
    });

    it('passes any other field through untouched, as `other`', () => {
      const value = { configuration_name: 'upi', status: 'Active' };
      const [change] = changes(parsed(envelopeOf('payment_configuration_update', value)));
      expect(change).to.deep.equal({ kind: 'other', field: 'payment_configuration_update', value });
    });

    it('reads errors not tied to one message', () => {
      const body = deliveryOf([]) as { entry: { changes: { value: Record<string, unknown> }[] }[] };
      const value = body.entry[0]!.changes[0]!.value;
      delete value.messages;
      value.errors = [{ code: 131000, title: 'Something went wrong', message: 'Something went wrong' }];
      const [change] = changes(parsed(body));
      if (change?.kind !== 'messages') throw new Error('expected a messages change');
      expect(change.value.errors?.[0]?.code).to.equal(131000);
    });
  });

  describe('rejections say where and why', () => {
    const cases: Array<[what: string, body: () => unknown, reason: RegExp]> = [
      ['not an object', () => 'hello', /^body: Expected object/],
      ['null', () => null, /^body: Expected object/],
      ['another object than a WhatsApp account', () => ({ ...(fixture('inbound-text') as object), object: 'page' }), /^object: Invalid literal value/],
      ['entries missing', () => ({ object: 'whatsapp_business_account' }), /^entry: Required/],
      [
        'a text message without its body',
        () => deliveryOf([{ ...SAMPLE_MESSAGES.text, text: {} }]),
        /^entry\[0\]\.changes\[0\]\.value\.messages\[0\]\.text\.body: Required$/,
      ],
      [
        'a message without an id',
        () => deliveryOf([{ ...SAMPLE_MESSAGES.text, id: undefined }]),
        /^entry\[0\]\.changes\[0\]\.value\.messages\[0\]\.id: Required$/,
      ],
      [
        'a message of a new type without an id',
        () => deliveryOf([{ ...SAMPLE_MESSAGES.futureType, id: undefined }]),
        /messages\[0\]\.id: Required$/,
      ],
      [
        'a timestamp that is not unix seconds',
        () => deliveryOf([{ ...SAMPLE_MESSAGES.text, timestamp: '2025-11-21T08:00:00Z' }]),
        /messages\[0\]\.timestamp: Expected unix seconds$/,
      ],
      [
        'a message without a timestamp',
        () => deliveryOf([{ ...SAMPLE_MESSAGES.text, timestamp: undefined }]),
        /messages\[0\]\.timestamp: Required$/,
      ],
      [
        'an image without its media id',
        () => deliveryOf([{ ...SAMPLE_MESSAGES.image, image: { mime_type: 'image/jpeg' } }]),
        /messages\[0\]\.image\.id: Required$/,
      ],
      [
        'a button reply without the button',
        () => deliveryOf([{ ...SAMPLE_MESSAGES.buttonReply, interactive: { type: 'button_reply' } }]),
        /messages\[0\]\.interactive\.button_reply: Required$/,
      ],
      [
        'a reaction without its target',
        () => deliveryOf([{ ...SAMPLE_MESSAGES.reaction, reaction: { emoji: '👍' } }]),
        /messages\[0\]\.reaction\.message_id: Required$/,
      ],
      [
        'a change without routing metadata',
        () => {
          const body = clone(fixture('inbound-text')) as { entry: { changes: { value: { metadata: object } }[] }[] };
          body.entry[0]!.changes[0]!.value.metadata = { display_phone_number: '213770001122' };
          return body;
        },
        /^entry\[0\]\.changes\[0\]\.value\.metadata\.phone_number_id: Required$/,
      ],
      [
        'a status value Meta does not document',
        () => {
          type Body = { entry: { changes: { value: { statuses: { status: string }[] } }[] }[] };
          const body = clone(fixture('status-delivered')) as Body;
          body.entry[0]!.changes[0]!.value.statuses[0]!.status = 'deleted';
          return body;
        },
        /statuses\[0\]\.status: Invalid enum value/,
      ],
      [
        'a template update without its template id',
        () => ({
          object: 'whatsapp_business_account',
          entry: [
            {
              id: '1',
              changes: [
                {
                  field: 'message_template_status_update',
                  value: { event: 'APPROVED', message_template_name: 'x', message_template_language: 'fr' },
                },
              ],
            },
          ],
        }),
        /^entry\[0\]\.changes\[0\]\.value\.message_template_id: Required$/,
      ],
    ];
    for (const [what, body, reason] of cases) {
      it(`rejects ${what}`, () => {
        expect(reasonOf(body())).to.match(reason);
      });
    }

    it('lists at most five problems and counts the rest', () => {
      const broken = Array.from({ length: 8 }, () => ({ ...SAMPLE_MESSAGES.text, text: {} }));
      const reason = reasonOf(deliveryOf(broken));
      expect(reason.split('; ')).to.have.length(6);
      expect(reason).to.match(/and 3 more$/);
    });
  });

  it('never throws, whatever JSON it is given', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (json) => {
        const result = parseWebhookBody(json);
        expect(result.ok).to.be.a('boolean');
      }),
    );
  });

  it('never throws on a delivery whose messages are arbitrary objects', () => {
    fc.assert(
      fc.property(
        fc.array(fc.dictionary(fc.constantFrom('id', 'type', 'timestamp', 'text', 'from', 'context'), fc.jsonValue())),
        (messages) => {
          expect(parseWebhookBody(deliveryOf(messages)).ok).to.be.a('boolean');
        },
      ),
    );
  });
});
