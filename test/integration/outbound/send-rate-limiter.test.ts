import { expect } from 'chai';
import { DataSource } from 'typeorm';
import { postgresDataSourceOptions } from '../../../src/db/data-source-options.js';
import {
  numberRateLimit,
  pairRateLimit,
  pruneIdleRateLimits,
  releaseSendSlot,
  reserveSendSlot,
  slowDownSends,
  type RateLimit,
} from '../../../src/delivery/send-rate-limiter.js';
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js';

describe('send rate limiter (state in PostgreSQL)', () => {
  let db: TestDatabase;
  let other: DataSource;

  before(async () => {
    db = await createTestDatabase();
    // A second pool stands for a second worker process: nothing is shared but the database.
    other = new DataSource(postgresDataSourceOptions(db.url));
    await other.initialize();
  });
  after(async () => {
    await other.destroy();
    await db.drop();
  });

  const limit = (key: string, intervalMs: number, burst = 1): RateLimit => ({ key, intervalMs, burst });

  it('hands out distinct, evenly spaced slots to concurrent senders of two pools', async () => {
    const spaced = limit('number:concurrent', 10);
    const reservations = await Promise.all(
      Array.from({ length: 200 }, (_, i) => reserveSendSlot(i % 2 ? other : db.dataSource, spaced, 60_000)),
    );
    expect(reservations.every((r) => r.granted)).to.equal(true);
    const times = reservations.map((r) => r.atMs).sort((a, b) => a - b);
    // Never two slots closer than the interval (a gap only when no sender was waiting); µs as float ms.
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!, `slot ${i}`).to.be.at.least(10 - 1e-3);
    // And no slot left unused while senders waited: 200 slots at 10 ms span about 1.99 s.
    expect(times.at(-1)! - times[0]!).to.be.within(1990 - 1e-3, 2300);
  });

  it('lets a burst go at once, then one message per interval', async () => {
    const pair = pairRateLimit('acc', '213555000001', { intervalMs: 6000, burst: 45 });
    const burst = [];
    for (let i = 0; i < 45; i++) burst.push(await reserveSendSlot(db.dataSource, pair, 0));
    expect(burst.every((r) => r.granted && r.waitMs === 0)).to.equal(true);

    // Slot times are on the database clock from the first grant: independent of how long the calls took.
    const start = burst[0]!.atMs;
    const next = await reserveSendSlot(db.dataSource, pair, 0);
    expect(next.granted).to.equal(false);
    expect(next.atMs - start).to.be.closeTo(6000, 1);
    expect(next.waitMs).to.equal(Math.ceil(next.atMs - next.answeredAtMs));
    // Refused reservations take nothing: asking again gives the same slot, not a later one.
    const again = await reserveSendSlot(db.dataSource, pair, 10_000);
    expect(again.granted).to.equal(true);
    expect(again.atMs - start).to.be.closeTo(6000, 1);
    const after = await reserveSendSlot(db.dataSource, pair, 0);
    expect(after.atMs - start).to.be.closeTo(12_000, 1);
  });

  it('takes back a slot given back unused', async () => {
    const number = limit('number:released', 100);
    const first = await reserveSendSlot(db.dataSource, number, 5000);
    const second = await reserveSendSlot(db.dataSource, number, 5000);
    await releaseSendSlot(db.dataSource, number);
    const again = await reserveSendSlot(db.dataSource, number, 5000);
    expect(again.atMs).to.be.closeTo(second.atMs, 0.01);
    expect(again.atMs - first.atMs).to.be.closeTo(100, 0.01);
  });

  it('keeps the number cap below the configured rate by the headroom', () => {
    const cap = numberRateLimit('acc', 80, 0.95);
    expect(cap.key).to.equal('number:acc');
    expect(cap.burst).to.equal(1);
    expect(1000 / cap.intervalMs).to.be.closeTo(76, 1e-9);
  });

  it('pauses and then slows a limit Meta said was exceeded', async () => {
    const number = limit('number:slowed', 100);
    const first = await reserveSendSlot(db.dataSource, number, 0);
    expect(first.granted).to.equal(true);
    await slowDownSends(db.dataSource, number, { pauseMs: 1000, slowForMs: 60_000 });
    const paused = await reserveSendSlot(db.dataSource, number, 5000);
    // The pause runs from when Meta said "too fast", after the first slot: a full second after it at least.
    expect(paused.atMs - first.atMs).to.be.at.least(1000);
    expect(paused.waitMs).to.be.within(1, 1000);
    const slowed = await reserveSendSlot(db.dataSource, number, 5000);
    // Twice the interval while slowed down.
    expect(slowed.atMs - paused.atMs).to.be.closeTo(200, 0.01);
  });

  it('prunes only rows that an absent row would equal', async () => {
    await db.dataSource.query(
      `INSERT INTO whatsapp_send_rate_limits (key, theoretical_arrival_at, slowed_until) VALUES
        ('pair:old', now() - interval '2 hours', NULL),
        ('pair:old-but-slowed', now() - interval '2 hours', now() + interval '1 minute'),
        ('pair:recent', now() + interval '1 minute', NULL)`,
    );
    await pruneIdleRateLimits(db.dataSource);
    const keys = (await db.dataSource.query(`SELECT key FROM whatsapp_send_rate_limits WHERE key LIKE 'pair:%'`)).map(
      (row: { key: string }) => row.key,
    );
    expect(keys).to.include.members(['pair:old-but-slowed', 'pair:recent']);
    expect(keys).not.to.include('pair:old');
  });
});
