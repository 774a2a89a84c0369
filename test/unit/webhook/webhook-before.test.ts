import type { IncomingMessage, ServerResponse } from 'node:http';
import { expect } from 'chai';
import { webhookBefore } from '../../../src/inbound/webhook/webhook-before.js';

describe('webhookBefore', () => {
  const route = (url: string) => {
    let to = '';
    const listener = webhookBefore(
      async () => void (to = 'webhook'),
      () => void (to = 'host'),
    );
    listener({ url } as IncomingMessage, {} as ServerResponse);
    return to;
  };

  it('gives the webhook path, with or without a query or a trailing slash, to the webhook handler', () => {
    for (const url of ['/webhooks/whatsapp', '/webhooks/whatsapp/', '/webhooks/whatsapp?hub.mode=subscribe', '/webhooks/whatsapp/?x=1']) {
      expect(route(url), url).to.equal('webhook');
    }
  });

  it('leaves every other path to the host app', () => {
    for (const url of ['/', '/admin', '/webhooks/whatsappx', '/webhooks/whatsapp/other', '/webhooks', '/x/webhooks/whatsapp']) {
      expect(route(url), url).to.equal('host');
    }
  });
});
