import { INBOX_TABS, type InboxTab } from '../../domain/inbox-filters.js';
import { queryRows, type Queryable } from '../../db/sql.js';
import { holds, numbersWith, type InboxActor } from '../../permissions/permission-snapshot.js';
import { allLabels, type LabelView } from './conversation-labels.js';
import { savedViewsOf, type SavedView } from '../saved-views.js';

/** What the Inbox page needs before its list: who is signed in, what he may do, and the choices of its filters. */
export interface InboxSetup {
  me: { id: string; name: string };
  /** The tabs the agent has: "All" needs `inbox.view_all` somewhere (without it, it would repeat Mine and Unassigned). */
  tabs: InboxTab[];
  numbers: { id: string; name: string; displayPhoneNumber: string | null }[];
  labels: LabelView[];
  intents: string[];
  savedViews: SavedView[];
  can: { label: boolean; manageLabels: boolean; assign: boolean; resolve: boolean };
}

export async function loadInboxSetup(db: Queryable, actor: InboxActor, intents: readonly string[]): Promise<InboxSetup> {
  const numbers = numbersWith(actor, 'inbox.view');
  const [me] = await queryRows<{ name: string }>(db, `SELECT name FROM whatsapp_agents WHERE id = $1`, [actor.id]);
  return {
    me: { id: actor.id, name: me?.name ?? '' },
    tabs: INBOX_TABS.filter((tab) => tab !== 'all' || holds(actor, 'inbox.view_all')),
    numbers: await queryRows(
      db,
      `SELECT id, name, display_phone_number AS "displayPhoneNumber" FROM whatsapp_accounts
        WHERE $1::boolean OR id = ANY($2::uuid[]) ORDER BY lower(name)`,
      [numbers === 'all', numbers === 'all' ? [] : numbers],
    ),
    labels: await allLabels(db),
    intents: [...intents],
    savedViews: await savedViewsOf(db, actor),
    can: {
      label: holds(actor, 'inbox.reply'),
      manageLabels: numbersWith(actor, 'labels.manage') === 'all',
      assign: holds(actor, 'inbox.assign'),
      resolve: holds(actor, 'inbox.resolve'),
    },
  };
}
