import { randomUUID } from 'node:crypto';
import type { MetaErrorSpec } from './meta-error-catalog.js';

/** The calls the sandbox tells apart, for faults and the log. */
export const SANDBOX_ENDPOINTS = [
  'messages',
  'mark-read',
  'media-upload',
  'media-info',
  'media-download',
  'media-delete',
  'templates-list',
  'template-get',
  'template-create',
  'template-edit',
  'template-delete',
  'unknown',
] as const;
export type SandboxEndpoint = (typeof SANDBOX_ENDPOINTS)[number];

/**
 * - `meta-error`: answer Meta's error for the code (its HTTP status unless given). With
 *   `via: 'status-webhook'` the send is accepted and the error comes later as a `failed`
 *   status, as Meta does for most delivery failures (131047, 131026…).
 * - `http`: a bare HTTP status and body, without Meta's envelope (a proxy's 502, an outage page).
 * - `hang`: read the request, never answer.
 * - `drop`: read the whole request, then cut the connection without a byte of answer.
 * - `delay`: answer normally after `ms`.
 */
export type FaultAction =
  | ({ type: 'meta-error'; via?: 'response' | 'status-webhook' } & MetaErrorSpec)
  | { type: 'http'; status: number; body?: string; contentType?: string }
  | { type: 'hang' }
  | { type: 'drop' }
  | { type: 'delay'; ms: number };

export interface FaultRule {
  action: FaultAction;
  /** Default every endpoint. */
  endpoint?: SandboxEndpoint;
  phoneNumberId?: string;
  /** The `to` of a send (digits). */
  recipient?: string;
  /** Applies to the next N matching calls, then disappears. Default: until removed. */
  times?: number;
}

export interface ActiveFault extends FaultRule {
  id: string;
  /** Calls it has applied to so far. */
  hits: number;
}

export interface FaultTarget {
  endpoint: SandboxEndpoint;
  phoneNumberId: string | null;
  recipient: string | null;
}

/** Failures the sandbox was told to produce; the first matching rule wins. */
export class SandboxFaults {
  private rules: ActiveFault[] = [];

  add(rule: FaultRule): string {
    const fault: ActiveFault = { ...structuredClone(rule), id: randomUUID(), hits: 0 };
    this.rules.push(fault);
    return fault.id;
  }

  remove(id: string): boolean {
    const before = this.rules.length;
    this.rules = this.rules.filter((rule) => rule.id !== id);
    return this.rules.length !== before;
  }

  clear(): void {
    this.rules = [];
  }

  list(): ActiveFault[] {
    return this.rules.map((rule) => structuredClone(rule));
  }

  /** The action for this call, counting it against the rule's `times`. */
  take(target: FaultTarget): FaultAction | null {
    const rule = this.rules.find(
      (r) =>
        (r.endpoint === undefined || r.endpoint === target.endpoint) &&
        (r.phoneNumberId === undefined || r.phoneNumberId === target.phoneNumberId) &&
        (r.recipient === undefined || r.recipient === target.recipient),
    );
    if (!rule) return null;
    rule.hits += 1;
    if (rule.times !== undefined && rule.hits >= rule.times) this.remove(rule.id);
    return rule.action;
  }
}

/** Checks a rule that came over HTTP; returns why it is not one, or null. */
export function faultRuleProblem(rule: unknown): string | null {
  if (typeof rule !== 'object' || rule === null) return 'a fault rule is an object';
  const { action, endpoint, times } = rule as Record<string, unknown>;
  if (endpoint !== undefined && !SANDBOX_ENDPOINTS.includes(endpoint as SandboxEndpoint)) return `endpoint must be one of ${SANDBOX_ENDPOINTS.join(', ')}`;
  if (times !== undefined && (!Number.isInteger(times) || (times as number) < 1)) return 'times must be a positive integer';
  if (typeof action !== 'object' || action === null) return 'action is required';
  const a = action as Record<string, unknown>;
  switch (a.type) {
    case 'meta-error':
      return Number.isInteger(a.code) ? null : 'a meta-error action needs an integer code';
    case 'http':
      return Number.isInteger(a.status) && (a.status as number) >= 100 && (a.status as number) <= 599 ? null : 'an http action needs a status';
    case 'delay':
      return typeof a.ms === 'number' && a.ms >= 0 ? null : 'a delay action needs ms';
    case 'hang':
    case 'drop':
      return null;
    default:
      return 'action.type must be meta-error, http, hang, drop or delay';
  }
}
