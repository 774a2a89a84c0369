import { randomInt } from 'node:crypto';
import { buildDelivery, serializeDelivery, type WebhookDelivery } from '../../src/sandbox/simulated-deliveries.js';

/**
 * What a number's webhook receives, for the benchmarks:
 * - `new-customers`: every delivery a first text from a number never seen before (an ad or a
 *   campaign brings thousands at once);
 * - `realistic`: per 10 deliveries, 3 first texts from new customers, 2 texts and 1 image from
 *   known customers, 1 reaction to the business's message, 3 statuses of outbound messages;
 * - `statuses`: statuses only (sent, delivered, read of the business's messages).
 */
export type TrafficMix = 'new-customers' | 'realistic' | 'statuses';

export const TRAFFIC_MIXES: readonly TrafficMix[] = ['new-customers', 'realistic', 'statuses'];

/** A known customer: their number and the business's last message to them (statuses and reactions are about it). */
export interface KnownCustomer {
  from: string;
  wamid: string;
}

const STATUSES = ['sent', 'delivered', 'read'] as const;

/**
 * Endless, distinct deliveries of one mix (serialised as Meta does, `\u` escapes). New customers
 * get numbers from a range drawn at random per stream, so streams and runs do not meet.
 */
export function trafficStream(mix: TrafficMix, known: readonly KnownCustomer[]): () => string {
  let index = 0;
  let nextNew = randomInt(0, 80) * 1_000_000;
  const newCustomer = () => `2137${String(10_000_000 + nextNew++).slice(-8)}`;
  const knownCustomer = () => known[(index * 7919) % known.length]!;
  return () => {
    const slot = index % 10;
    let delivery: WebhookDelivery;
    if (mix === 'new-customers' || (mix === 'realistic' && slot < 3)) {
      delivery = buildDelivery('text', { from: newCustomer(), name: `Client ${index}`, text: 'Bonjour, je voudrais des informations sur les horaires' });
    } else if (mix === 'realistic' && slot < 5) {
      delivery = buildDelivery('text', { from: knownCustomer().from, text: 'Merci, et pour le samedi matin ?' });
    } else if (mix === 'realistic' && slot === 5) {
      delivery = buildDelivery('image', { from: knownCustomer().from });
    } else if (mix === 'realistic' && slot === 6) {
      const customer = knownCustomer();
      delivery = buildDelivery('reaction', { from: customer.from, wamid: customer.wamid, emoji: '👍' });
    } else {
      const customer = knownCustomer();
      delivery = buildDelivery('status', { from: customer.from, wamid: customer.wamid, status: STATUSES[index % STATUSES.length]! });
    }
    index++;
    return serializeDelivery(delivery, { escapeUnicode: true });
  };
}
