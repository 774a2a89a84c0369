import type { InboxRow } from '../../conversations/read/inbox-list.js';

/** The server's order: newest activity first, conversations without any last, then by id. */
export const compareRows = (a: InboxRow, b: InboxRow): number => {
  if (a.lastMessageAt !== b.lastMessageAt) {
    if (a.lastMessageAt === null) return 1;
    if (b.lastMessageAt === null) return -1;
    return a.lastMessageAt < b.lastMessageAt ? 1 : -1;
  }
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
};

/**
 * The list after rows named by a live update were read again: each named row is replaced by its
 * fresh copy, or dropped when the filters or the agent's view no longer include it. A row new to
 * the list joins it only where the loaded part reaches (above the last loaded row, or anywhere
 * once everything is loaded): further down, scrolling brings it in its turn.
 */
export const mergeRows = (rows: readonly InboxRow[], named: readonly string[], fresh: readonly InboxRow[], complete: boolean): InboxRow[] => {
  const present = new Set(rows.map((row) => row.id));
  const gone = new Set(named);
  const kept = rows.filter((row) => !gone.has(row.id));
  const last = kept[kept.length - 1];
  const joining = fresh.filter((row) => present.has(row.id) || complete || !last || compareRows(row, last) <= 0);
  return [...kept, ...joining].sort(compareRows);
};
