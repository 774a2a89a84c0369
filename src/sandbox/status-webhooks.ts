import { randomBytes } from 'node:crypto';
import type { Logger } from '../config/logger.js';
import { signBody } from '../domain/webhook-signature.js';
import { statusErrorOf, type MetaErrorSpec } from './meta-error-catalog.js';

/** Milliseconds after the send was accepted; `null` never sends that status. */
export interface StatusDelays {
  sent: number | null;
  delivered: number | null;
  read: number | null;
  failed: number;
}

export const DEFAULT_STATUS_DELAYS: StatusDelays = { sent: 300, delivered: 1500, read: 4000, failed: 300 };

export interface AcceptedMessage {
  wamid: string;
  phoneNumberId: string;
  displayPhoneNumber: string;
  wabaId: string;
  /** The phone digits, or the BSUID of a username-only customer. */
  recipient: string;
  usernameOnly?: boolean;
  callbackData: string | null;
  /** The template's category for a template message (decides the pricing shown), else null. */
  templateCategory: string | null;
}

export interface WebhookDelivery {
  at: number;
  /** What was delivered, e.g. `statuses:sent` or `message_template_status_update`. */
  kind: string;
  body: string;
  signature: string | null;
  attempt: number;
  /** The receiver's HTTP status, or null when it could not be reached. */
  httpStatus: number | null;
  error: string | null;
}

export interface StatusWebhookSettings {
  webhookUrl: string | null;
  appSecret: string | null;
  delays: StatusDelays;
  /** Waits before each new attempt when the receiver did not answer 200 (Meta retries for days). */
  retryDelaysMs: number[];
  logger: Logger;
  /** Deliveries in flight at once, so a burst of sends does not open thousands of sockets. */
  concurrency?: number;
}

const MAX_DELIVERIES_KEPT = 10_000;

/**
 * Sends Meta's webhooks back to the app: the statuses of each accepted message
 * (sent → delivered → read, or failed) and template status changes, signed with the app
 * secret over the exact bytes posted, JSON written with `\uXXXX` escapes as Meta does.
 */
export class StatusWebhooks {
  readonly deliveries: WebhookDelivery[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly conversations = new Map<string, string>();
  private readonly controllers = new Set<AbortController>();
  private readonly waiting: (() => void)[] = [];
  private readonly queue: (() => Promise<void>)[] = [];
  private pending = 0;
  private running = 0;
  private closed = false;

  constructor(private readonly settings: StatusWebhookSettings) {}

  get enabled(): boolean {
    return this.settings.webhookUrl !== null;
  }

  /** Schedules the statuses of an accepted message; with `failure`, a single `failed` status. */
  messageAccepted(message: AcceptedMessage, failure?: MetaErrorSpec): void {
    if (!this.enabled) return;
    const { delays } = this.settings;
    const conversation = this.conversationId(message);
    if (failure) {
      this.later(delays.failed, 'statuses:failed', () => statusDelivery(message, conversation, 'failed', failure));
      return;
    }
    for (const status of ['sent', 'delivered', 'read'] as const) {
      const delay = delays[status];
      if (delay !== null) this.later(delay, `statuses:${status}`, () => statusDelivery(message, conversation, status));
    }
  }

  /** A `message_template_status_update` for a template whose status changed. */
  templateStatusChanged(wabaId: string, template: { id: string; name: string; language: string; category: string }, event: string, reason: string | null): void {
    if (!this.enabled) return;
    this.later(0, 'message_template_status_update', () => ({
      object: 'whatsapp_business_account',
      entry: [
        {
          id: wabaId,
          time: Math.floor(Date.now() / 1000),
          changes: [
            {
              field: 'message_template_status_update',
              value: {
                event,
                message_template_id: Number(template.id),
                message_template_name: template.name,
                message_template_language: template.language,
                message_template_category: template.category,
                reason: reason ?? 'NONE',
              },
            },
          ],
        },
      ],
    }));
  }

  /** Resolves when nothing is scheduled or in flight. */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  close(): void {
    this.closed = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    for (const controller of this.controllers) controller.abort();
    this.queue.length = 0;
    this.pending = 0;
    this.settle();
  }

  // One conversation id per business number and customer, as Meta keeps one open per pair.
  private conversationId(message: AcceptedMessage): string {
    const key = `${message.phoneNumberId}/${message.recipient}`;
    let id = this.conversations.get(key);
    if (!id) {
      id = randomBytes(16).toString('hex');
      this.conversations.set(key, id);
    }
    return id;
  }

  private later(delayMs: number, kind: string, build: () => unknown): void {
    this.pending += 1;
    this.wait(delayMs, () => this.enqueue(() => this.deliver(kind, serialize(build()), 1)));
  }

  private wait(delayMs: number, then: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      then();
    }, delayMs);
    timer.unref();
    this.timers.add(timer);
  }

  private enqueue(task: () => Promise<void>): void {
    if (this.closed) return;
    this.queue.push(task);
    this.pump();
  }

  private pump(): void {
    while (this.running < (this.settings.concurrency ?? 16) && this.queue.length > 0) {
      const task = this.queue.shift()!;
      this.running += 1;
      void task().finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  private async deliver(kind: string, body: string, attempt: number): Promise<void> {
    const signature = this.settings.appSecret ? signBody(body, this.settings.appSecret) : null;
    const record: WebhookDelivery = { at: Date.now(), kind, body, signature, attempt, httpStatus: null, error: null };
    const controller = new AbortController();
    this.controllers.add(controller);
    const timeout = setTimeout(() => controller.abort(), 10_000);
    try {
      const response = await fetch(this.settings.webhookUrl!, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'facebookexternalua',
          ...(signature ? { 'x-hub-signature-256': signature } : {}),
        },
        body,
        signal: controller.signal,
      });
      record.httpStatus = response.status;
      await response.body?.cancel();
    } catch (error) {
      record.error = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error);
    } finally {
      clearTimeout(timeout);
      this.controllers.delete(controller);
    }
    if (this.closed) return;
    this.deliveries.push(record);
    if (this.deliveries.length > MAX_DELIVERIES_KEPT) this.deliveries.splice(0, this.deliveries.length - MAX_DELIVERIES_KEPT);
    const retryDelay = this.settings.retryDelaysMs[attempt - 1];
    if (record.httpStatus !== 200 && retryDelay !== undefined) {
      this.settings.logger.debug('sandbox webhook not accepted, retrying', { kind, httpStatus: record.httpStatus, error: record.error, attempt });
      this.wait(retryDelay, () => this.enqueue(() => this.deliver(kind, body, attempt + 1)));
      return;
    }
    if (record.httpStatus !== 200) this.settings.logger.debug('sandbox webhook given up', { kind, httpStatus: record.httpStatus, error: record.error });
    this.pending -= 1;
    this.settle();
  }

  private settle(): void {
    if (this.pending > 0) return;
    for (const resolve of this.waiting.splice(0)) resolve();
  }
}

function statusDelivery(message: AcceptedMessage, conversationId: string, status: 'sent' | 'delivered' | 'read' | 'failed', failure?: MetaErrorSpec): unknown {
  const entry: Record<string, unknown> = {
    id: message.wamid,
    status,
    timestamp: String(Math.floor(Date.now() / 1000)),
    ...(message.usernameOnly ? { recipient_user_id: message.recipient } : { recipient_id: message.recipient }),
  };
  if (message.callbackData !== null) entry.biz_opaque_callback_data = message.callbackData;
  if (status === 'sent' || status === 'delivered') {
    const category = pricingCategory(message);
    entry.conversation = { id: conversationId, origin: { type: category } };
    entry.pricing =
      category === 'service'
        ? { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category }
        : { billable: true, pricing_model: 'PMP', type: 'regular', category };
  }
  if (failure) entry.errors = [statusErrorOf(failure)];
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: message.wabaId,
        changes: [
          {
            field: 'messages',
            value: {
              messaging_product: 'whatsapp',
              metadata: { display_phone_number: message.displayPhoneNumber, phone_number_id: message.phoneNumberId },
              statuses: [entry],
            },
          },
        ],
      },
    ],
  };
}

/** JSON as Meta writes it: non-ASCII characters and `/` escaped, so a receiver that re-serialises fails to verify. */
export function serialize(payload: unknown): string {
  return JSON.stringify(payload).replace(/[\u007f-\uffff/]/g, (char) =>
    char === '/' ? '\\/' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * The pricing category Meta reports, as it charges (per-message pricing): service for a free
 * reply, the template's category otherwise; an authentication template to a customer in another
 * country than the business number's is `authentication_international`.
 */
function pricingCategory(message: AcceptedMessage): string {
  const category = message.templateCategory?.toLowerCase() ?? 'service';
  if (category !== 'authentication' || message.usernameOnly) return category;
  const countryCode = (digits: string) => digits.slice(0, 3);
  return countryCode(message.recipient) === countryCode(message.displayPhoneNumber) ? category : 'authentication_international';
}
