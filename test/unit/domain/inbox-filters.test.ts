import { expect } from 'chai';
import { DEFAULT_INBOX_FILTERS, narrowingCount, parseInboxFilters } from '../../../src/domain/inbox-filters.js';

describe('inbox filters', () => {
  it('keep only what is well formed: a known tab and status, ids that are uuids, flags that are true', () => {
    const id = '0b8a3c52-7d64-4f1e-9a0b-6c2d1e3f4a5b';
    expect(parseInboxFilters({ tab: 'all', status: 'resolved', accountId: id, labelId: 'x', intent: "school'; --", waiting: 'true', unread: false, windowClosing: true })).to.deep.equal({
      tab: 'all',
      status: 'resolved',
      accountId: id,
      waiting: true,
      windowClosing: true,
    });
    expect(parseInboxFilters({ adId: '120208400000001' }).adId).to.equal('120208400000001');
    expect(parseInboxFilters({ adId: "1' OR '1'='1" }).adId).to.equal(undefined);
    expect(parseInboxFilters('nonsense')).to.deep.equal(DEFAULT_INBOX_FILTERS);
    expect(parseInboxFilters({ tab: 'everything', status: 'closed' })).to.deep.equal(DEFAULT_INBOX_FILTERS);
  });

  it('count the filters that narrow the list beyond its tab and status', () => {
    expect(narrowingCount({ tab: 'all', status: 'any' })).to.equal(0);
    expect(narrowingCount({ tab: 'mine', status: 'open', intent: 'school', unread: true })).to.equal(2);
    expect(narrowingCount({ tab: 'mine', status: 'open', adId: '120208400000001' })).to.equal(1);
  });
});
