import { Readable } from 'node:stream';
import { DEFAULT_FEED_SETTINGS, feedBroadcast, type FeedOutcome } from '../../../../src/campaigns/feed-broadcast.js';
import { TEST_ACCOUNT } from '../../../support/plugin-context.js';
import { startOutboundHarness, type HarnessOptions, type OutboundHarness } from '../../outbound/support/outbound-harness.js';

export interface CampaignTemplateSeed {
  name: string;
  category: 'MARKETING' | 'UTILITY';
  body: string;
}

export const PROMO: CampaignTemplateSeed = { name: 'promo_rentree', category: 'MARKETING', body: 'Bonjour {{1}}, -20 % sur {{2}} cette semaine.' };
export const REMINDER: CampaignTemplateSeed = { name: 'rappel_rdv', category: 'UTILITY', body: 'Rappel : votre rendez-vous {{1}}.' };

export interface CampaignHarness extends OutboundHarness {
  /** Stores an APPROVED template of the number (the sandbox knows it too); returns its id. */
  template(seed: CampaignTemplateSeed): Promise<string>;
  csv(text: string): Readable;
  /** Queues every pending recipient at once (a wide window), as a feeder would. */
  feedAll(broadcastId: string): Promise<FeedOutcome>;
  recipients(broadcastId: string): Promise<{ position: number; state: string; skip_reason: string | null; message_id: string | null; wa_id: string | null }[]>;
}

const components = (seed: CampaignTemplateSeed) => [{ type: 'BODY', text: seed.body, example: { body_text: [['Amina', 'les cartables']] } }];

export async function startCampaignHarness(options: HarnessOptions = {}): Promise<CampaignHarness> {
  const seeds = [PROMO, REMINDER];
  const h = await startOutboundHarness({
    ...options,
    sandbox: { templates: { [TEST_ACCOUNT.wabaId]: seeds.map((seed) => ({ name: seed.name, language: 'fr', category: seed.category, components: components(seed) })) }, ...options.sandbox },
  });
  const db = h.db.dataSource;
  return {
    ...h,
    async template(seed) {
      const [row] = await db.query(
        `INSERT INTO whatsapp_templates (account_id, name, language, category, status, components) VALUES ($1, $2, 'fr', $3, 'APPROVED', $4) RETURNING id`,
        [h.accountId, seed.name, seed.category, JSON.stringify(components(seed))],
      );
      return row.id;
    },
    csv: (text) => Readable.from([Buffer.from(text, 'utf8')]),
    feedAll: (broadcastId) => feedBroadcast(h.context, broadcastId, { ...DEFAULT_FEED_SETTINGS, windowSeconds: 100_000, runForMs: 0, batchSize: 500 }),
    async recipients(broadcastId) {
      return db.query(`SELECT position, state, skip_reason, message_id, wa_id FROM whatsapp_broadcast_recipients WHERE broadcast_id = $1 ORDER BY position`, [broadcastId]);
    },
  };
}
