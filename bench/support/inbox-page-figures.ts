import { performance } from 'node:perf_hooks';
import type pg from 'pg';
import type { Page } from 'playwright-core';
import { buildDelivery } from '../../src/sandbox/simulated-deliveries.js';
import { postDelivery } from '../../src/sandbox/webhook-simulator.js';
import type { Browser } from '../../test/support/test-back-office.js';
import { percentiles } from './latencies.js';
import { serverTimeOf } from './server-timing.js';

/**
 * The Inbox page's figures for `npm run bench:inbox` (issue 14): search over the seeded messages,
 * the page's first list in a real browser, and how soon a customer's message shows in the open
 * list and thread after the webhook's 200. Each prints; none asserts.
 */

const ms = (value: number) => value.toFixed(1).padStart(7);

/** Queries of every kind an agent types, spelled as agents spell them (no accents, other hamza forms, phone digits). */
export const SEARCH_QUERIES: { kind: string; query: string }[] = [
  { kind: 'common French word, no accent', query: 'tarifs' },
  { kind: 'French phrase, accents folded', query: 'ecole privee' },
  { kind: 'English phrase', query: 'invoice again' },
  { kind: 'Arabic, other hamza form', query: 'اريد معرفة' },
  { kind: 'Arabic word', query: 'عروضكم' },
  { kind: 'contact name', query: 'belkacem' },
  { kind: 'a phone number, typed locally', query: '0600 00 12 34' },
  { kind: 'part of a phone number', query: '600 00 12' },
  { kind: 'word found nowhere', query: 'tablettes' },
];

export interface SearchFigures {
  rows: { kind: string; who: string; serverP50: number; serverP95: number; tripP95: number; hits: number }[];
  all: { p50: number; p95: number; p99: number };
}

/** `rounds` times every query, as each browser (a manager, agents), sequentially; server time from Server-Timing. */
export async function measureSearch(browsers: { who: string; browser: Browser }[], rounds: number): Promise<SearchFigures> {
  const rows: SearchFigures['rows'] = [];
  const every: number[] = [];
  for (const { kind, query } of SEARCH_QUERIES) {
    for (const { who, browser } of browsers) {
      const path = `/admin/api/resources/whatsapp_conversations/actions/inboxSearch?q=${encodeURIComponent(query)}`;
      await browser.request(path).then((response) => response.arrayBuffer());
      const server: number[] = [];
      const trip: number[] = [];
      let hits = 0;
      for (let i = 0; i < rounds; i++) {
        const started = performance.now();
        const response = await browser.request(path);
        const body = (await response.json()) as { messages?: unknown[]; conversations?: unknown[] };
        trip.push(performance.now() - started);
        server.push(serverTimeOf(response.headers.get('server-timing')));
        hits = (body.messages?.length ?? 0) + (body.conversations?.length ?? 0);
      }
      every.push(...server);
      rows.push({ kind, who, serverP50: percentiles(server).p50, serverP95: percentiles(server).p95, tripP95: percentiles(trip).p95, hits });
    }
  }
  return { rows, all: percentiles(every) };
}

export function printSearch(figures: SearchFigures, messages: number, targetMs: number): void {
  console.log(`\nSearch over ${messages.toLocaleString('en-US')} messages (inboxSearch action; first page: 20 contacts, 30 messages)`);
  console.log(`${'query'.padEnd(34)} ${'as'.padEnd(22)}  server p50    p95   trip p95   hits`);
  for (const row of figures.rows) {
    console.log(`${row.kind.padEnd(34)} ${row.who.padEnd(22)} ${ms(row.serverP50)} ${ms(row.serverP95)}    ${ms(row.tripP95)}   ${String(row.hits).padStart(4)}`);
  }
  const verdict = figures.all.p95 <= targetMs ? 'met' : 'MISSED';
  console.log(`every search: server p50 ${figures.all.p50.toFixed(1)} / p95 ${figures.all.p95.toFixed(1)} / p99 ${figures.all.p99.toFixed(1)} ms — target p95 ≤ ${targetMs} ms: ${verdict}`);
}

/**
 * The Inbox page opened `runs` times in chromium, signed in: from navigation to the first rows of
 * the list drawn and the list taking the keyboard (↓ moves the cursor). The first run loads
 * AdminJS's bundles from the server, the next ones from the browser's cache, as an agent's day does.
 */
export async function measurePageLoad(page: Page, url: string, runs: number): Promise<PageLoad> {
  // With NODE_ENV=production AdminJS bundles the components once, in the background, at start.
  const bundle = new URL('/admin/frontend/assets/components.bundle.js', url).toString();
  for (let tries = 0; !(await fetch(bundle).then((response) => response.ok, () => false)); tries++) {
    if (tries > 600) throw new Error('the components bundle was never served');
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await page.goto(url, { waitUntil: 'commit' });
    await page.locator('[data-testid=conversation-row]').first().waitFor({ timeout: 30_000 });
    await page.locator('[data-testid=conversation-list]').focus();
    await page.keyboard.press('ArrowDown');
    await page.locator('[data-testid=conversation-row] >> nth=1').waitFor();
    times.push(performance.now() - started);
  }
  const baseline: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await page.goto(new URL('/admin/resources/whatsapp_conversations', url).toString(), { waitUntil: 'commit' });
    await page.locator('table tbody tr').first().waitFor({ timeout: 30_000 });
    baseline.push(performance.now() - started);
  }
  return { first: times[0]!, warm: times.slice(1), baseline: baseline.slice(1) };
}

export interface PageLoad {
  first: number;
  warm: number[];
  /** AdminJS's own Conversations table (its first 10 rows drawn), on the same machine at the same time. */
  baseline: number[];
}

export function printPageLoad(load: PageLoad, conversations: number, targetMs: number): void {
  const warm = percentiles(load.warm);
  const baseline = percentiles(load.baseline);
  const mode = process.env.NODE_ENV === 'production' ? 'production bundles' : 'development bundles (NODE_ENV=production for what a deployed CRM serves)';
  console.log(`\nThe Inbox page in chromium, ${mode} (${conversations.toLocaleString('en-US')} conversations; navigation → first rows drawn and the list answering ↓)`);
  console.log(`first visit (bundles from the server): ${load.first.toFixed(0)} ms; then ${load.warm.length} visits: p50 ${warm.p50.toFixed(0)} / p95 ${warm.p95.toFixed(0)} / max ${warm.max.toFixed(0)} ms`);
  console.log(`for comparison, AdminJS's own Conversations table (10 rows) then: p50 ${baseline.p50.toFixed(0)} / p95 ${baseline.p95.toFixed(0)} ms`);
  console.log(`target ≤ ${targetMs} ms to interactive: ${warm.p95 <= targetMs ? 'met' : 'MISSED'} (p95 of the visits after the first)`);
}

export interface LiveTarget {
  webhookUrl: string;
  appSecret: string;
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber: string;
  from: string;
}

/** Each run's own customer: earlier runs' conversations stay in the database, near the top of the list. */
const customerName = (target: LiveTarget) => `Bench Customer ${target.from}`;

/** A new customer writes; the agent sees the conversation appear in the list and opens it. */
export async function openLiveConversation(page: Page, target: LiveTarget): Promise<void> {
  const response = await postDelivery(buildDelivery('text', { ...target, name: customerName(target), text: 'Bonjour' }), { url: target.webhookUrl, appSecret: target.appSecret });
  if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
  await page.locator('[data-testid=conversation-row]', { hasText: customerName(target) }).first().click({ timeout: 15_000 });
  await page.locator('[data-testid=inbox-thread] [data-testid=message]').first().waitFor();
}

/**
 * A customer writes `count` times to a conversation open in the Inbox page: from the webhook's
 * 200 to the message's text drawn in the list's row and in the thread (the worker processes the
 * delivery, NOTIFY reaches the live stream, the page reads the row and the timeline again).
 */
export async function measureLiveLatency(
  page: Page,
  target: LiveTarget,
  count: number,
): Promise<{ list: number[]; thread: number[] }> {
  const list: number[] = [];
  const thread: number[] = [];
  for (let i = 0; i < count; i++) {
    const text = `Question ${i} ${Math.random().toString(36).slice(2, 8)}`;
    const delivery = buildDelivery('text', { ...target, name: customerName(target), text });
    const response = await postDelivery(delivery, { url: target.webhookUrl, appSecret: target.appSecret });
    const acked = performance.now();
    if (response.status !== 200) throw new Error(`webhook answered ${response.status}`);
    const row = page.locator('[data-testid=conversation-row] [data-testid=row-preview]', { hasText: text });
    const bubble = page.locator('[data-testid=inbox-thread] [data-testid=message]', { hasText: text });
    await Promise.all([
      row.first().waitFor({ timeout: 15_000 }).then(() => list.push(performance.now() - acked)),
      bubble.first().waitFor({ timeout: 15_000 }).then(() => thread.push(performance.now() - acked)),
    ]);
  }
  return { list, thread };
}

export function printLiveLatency(latency: { list: number[]; thread: number[] }, targetMs: number): void {
  const list = percentiles(latency.list);
  const thread = percentiles(latency.thread);
  console.log(`\nA customer's message, webhook 200 → drawn in the open Inbox page (${latency.list.length} messages, one after another)`);
  console.log(`in the list's row: p50 ${list.p50.toFixed(0)} / p95 ${list.p95.toFixed(0)} / max ${list.max.toFixed(0)} ms`);
  console.log(`in the thread:     p50 ${thread.p50.toFixed(0)} / p95 ${thread.p95.toFixed(0)} / max ${thread.max.toFixed(0)} ms`);
  console.log(`target p95 ≤ ${targetMs} ms: ${Math.max(list.p95, thread.p95) <= targetMs ? 'met' : 'MISSED'}`);
}

/** The seeded volume, for the titles. */
export async function messageCount(client: pg.Client): Promise<number> {
  const { rows } = await client.query(`SELECT count(*)::int AS n FROM whatsapp_messages`);
  return rows[0].n as number;
}
