import type { SandboxEndpoint } from './sandbox-faults.js';

export interface SandboxLogEntry {
  seq: number;
  /** Epoch ms when the request was fully read. */
  at: number;
  method: string;
  /** Without the version prefix: `/118237465540912/messages`. */
  path: string;
  endpoint: SandboxEndpoint;
  phoneNumberId: string | null;
  wabaId: string | null;
  /** The bearer token the call carried (tests check each account used its own). */
  accessToken: string | null;
  userAgent: string | null;
  /** The parsed JSON body, or the form fields of an upload (the file as its size and type). */
  body: unknown;
  /** Null when the sandbox never answered (hang, drop). */
  status: number | null;
  answer: unknown;
  /** The fault applied, if any. */
  fault: string | null;
  /** The id given to an accepted message. */
  wamid: string | null;
}

/** What the sandbox was sent and what it answered, newest last, trimmed to `limit` entries. */
export class SandboxRequestLog {
  private items: SandboxLogEntry[] = [];
  private seq = 0;

  constructor(private readonly limit = 100_000) {}

  record(entry: Omit<SandboxLogEntry, 'seq'>): SandboxLogEntry {
    const item = { ...entry, seq: ++this.seq };
    this.items.push(item);
    if (this.items.length > this.limit) this.items.splice(0, this.items.length - this.limit);
    return item;
  }

  entries(filter: { endpoint?: SandboxEndpoint; phoneNumberId?: string; afterSeq?: number } = {}): SandboxLogEntry[] {
    return this.items.filter(
      (e) =>
        (filter.endpoint === undefined || e.endpoint === filter.endpoint) &&
        (filter.phoneNumberId === undefined || e.phoneNumberId === filter.phoneNumberId) &&
        (filter.afterSeq === undefined || e.seq > filter.afterSeq),
    );
  }

  /** Message sends Meta would have accepted, with the body as received. */
  acceptedMessages(phoneNumberId?: string): SandboxLogEntry[] {
    return this.entries({ endpoint: 'messages', phoneNumberId }).filter((e) => e.wamid !== null);
  }

  /** The body of the most recent call to an endpoint. */
  last(endpoint?: SandboxEndpoint): SandboxLogEntry | undefined {
    const matching = endpoint ? this.items.filter((e) => e.endpoint === endpoint) : this.items;
    return matching[matching.length - 1];
  }

  clear(): void {
    this.items = [];
  }
}
