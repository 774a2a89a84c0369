import { expect } from 'chai';
import type { InboxRow } from '../../../src/conversations/read/inbox-list.js';
import { compareRows, mergeRows } from '../../../src/admin/components/inbox-rows.js';

const row = (id: string, minute: number | null): InboxRow => ({
  id,
  accountId: 'a',
  status: 'open',
  contact: { name: id, phone: null },
  assignee: null,
  intent: null,
  labels: [],
  unreadCount: 0,
  lastMessageAt: minute === null ? null : new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(),
  lastMessage: null,
  windowClosesAt: null,
  waitingSince: null,
});
const ids = (rows: InboxRow[]) => rows.map((r) => r.id);

describe('the live list merge (what a live update does to the loaded rows)', () => {
  const loaded = [row('c', 30), row('b', 20), row('a', 10)];

  it('moves a row up when its conversation has news', () => {
    expect(ids(mergeRows(loaded, ['a'], [row('a', 40)], false))).to.deep.equal(['a', 'c', 'b']);
  });

  it('drops a row the filters or the agent’s view no longer include', () => {
    expect(ids(mergeRows(loaded, ['b'], [], false))).to.deep.equal(['c', 'a']);
  });

  it('adds a new conversation where the loaded part reaches, and leaves one further down to scrolling', () => {
    expect(ids(mergeRows(loaded, ['d'], [row('d', 50)], false))).to.deep.equal(['d', 'c', 'b', 'a']);
    expect(ids(mergeRows(loaded, ['e'], [row('e', 5)], false))).to.deep.equal(['c', 'b', 'a']);
    expect(ids(mergeRows(loaded, ['e'], [row('e', 5)], true))).to.deep.equal(['c', 'b', 'a', 'e']);
  });

  it('sorts like the server: newest first, no activity last, then by id', () => {
    expect(ids([row('x', null), row('m', 10), row('n', 10), row('z', 20)].sort(compareRows))).to.deep.equal(['z', 'n', 'm', 'x']);
  });
});
