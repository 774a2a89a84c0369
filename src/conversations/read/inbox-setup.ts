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
  /** The ads that brought conversations on these numbers lately, the latest first: the ad filter's choices. */
  ads: InboxAd[];
  savedViews: SavedView[];
  can: { label: boolean; manageLabels: boolean; assign: boolean; resolve: boolean };
}

/** A click-to-WhatsApp ad as the filter names it: its headline (the business's own ad text) when Meta sent one. */
export interface InboxAd {
  id: string;
  headline: string | null;
  conversations: number;
}

/** How many ads the filter offers, and how far back it looks for them. */
const ADS_OFFERED = 50;
const ADS_DAYS = 90;

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
    ads: await queryRows<InboxAd>(
      db,
      `SELECT referral_source_id AS id, (array_agg(referral->>'headline' ORDER BY referral_at DESC))[1] AS headline, count(*)::int AS conversations
         FROM whatsapp_conversations
        WHERE referral_source_id IS NOT NULL AND referral_at > now() - make_interval(days => $3)
          AND ($1::boolean OR account_id = ANY($2::uuid[]))
        GROUP BY referral_source_id ORDER BY max(referral_at) DESC LIMIT ${ADS_OFFERED}`,
      [numbers === 'all', numbers === 'all' ? [] : numbers, ADS_DAYS],
    ),
    savedViews: await savedViewsOf(db, actor),
    can: {
      label: holds(actor, 'inbox.reply'),
      manageLabels: numbersWith(actor, 'labels.manage') === 'all',
      assign: holds(actor, 'inbox.assign'),
      resolve: holds(actor, 'inbox.resolve'),
    },
  };
}
