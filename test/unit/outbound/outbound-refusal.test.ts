import { expect } from 'chai';
import { assertFreeFormAllowed } from '../../../src/domain/service-window.js';
import { callbackDataFor } from '../../../src/delivery/callback-data.js';
import { OutboundRefusal } from '../../../src/delivery/outbound-refusal.js';
import { outboundSettings, DEFAULT_OUTBOUND_SETTINGS } from '../../../src/delivery/delivery-settings.js';

describe('OutboundRefusal', () => {
  it('names an i18n key per reason, for the browser to translate', () => {
    expect(OutboundRefusal.of('template-not-approved', { status: 'PAUSED' })).to.include({
      reason: 'template-not-approved',
      key: 'outbound.refusal.templateNotApproved',
      offerTemplate: false,
    });
    expect(OutboundRefusal.of('recipient-without-phone').key).to.equal('outbound.refusal.recipientWithoutPhone');
  });

  it('carries the 24-hour window refusal as the domain gives it, with the offer of a template', () => {
    const check = assertFreeFormAllowed(new Date('2026-03-01T08:00:00Z'), new Date('2026-03-02T09:00:00Z'));
    if (check.allowed) throw new Error('the window should be closed');
    const refusal = OutboundRefusal.window(check.refusal);
    expect(refusal).to.include({ reason: 'window-closed', key: 'serviceWindow.closed', offerTemplate: true });
    expect(refusal.params).to.deep.equal({ closedAt: '2026-03-02T08:00:00.000Z' });
  });

  it('lists the broken limits of an invalid message in its text', () => {
    expect(OutboundRefusal.invalidMessage(['text.body: must not be empty']).message).to.equal('invalid-message: text.body: must not be empty');
  });
});

describe('callback data', () => {
  it('is the message id and a tag unique to each send, within Meta\'s 512 bytes', () => {
    const id = '3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c';
    const first = callbackDataFor(id);
    expect(first).to.match(/^3f1c2a9e-8b7d-4c6e-9a5b-1d2e3f4a5b6c:[0-9a-f]{8}$/);
    expect(callbackDataFor(id)).to.not.equal(first);
  });
});

describe('outboundSettings', () => {
  it('keeps a default for every field given as undefined', () => {
    const settings = outboundSettings({ reconcileAfterMs: undefined, maxUnknownOutcomes: 1 });
    expect(settings.reconcileAfterMs).to.equal(DEFAULT_OUTBOUND_SETTINGS.reconcileAfterMs);
    expect(settings.maxUnknownOutcomes).to.equal(1);
  });
});
