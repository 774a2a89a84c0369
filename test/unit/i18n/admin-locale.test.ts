import { expect } from 'chai';
import { adminLocale } from '../../../src/i18n/locale-files.js';

describe('AdminJS locale from locales/', () => {
  const en = adminLocale().translations!.en as { labels: Record<string, string>; messages: Record<string, Record<string, unknown>> };

  it('labels every resource by its table name', () => {
    expect(en.labels).to.include({ whatsapp_conversations: 'Conversations', whatsapp_webhook_events: 'Webhook events' });
  });

  it('merges the message files, so notice keys returned by handlers have a text', () => {
    expect(en.messages.serviceWindow).to.have.property('closed').that.is.a('string');
    expect(en.messages.metaError).to.have.property('131047').that.is.a('string');
    expect((en.messages.outbound as { refusal: Record<string, string> }).refusal).to.have.property('accountInactive');
    expect(en.messages).to.have.property('replyQueued');
    expect(en.messages).to.not.have.property('rules', 'keywords.json is routing data, not messages');
  });
});
