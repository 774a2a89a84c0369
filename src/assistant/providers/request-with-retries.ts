import { setTimeout as sleep } from 'node:timers/promises';
import { ProviderError } from './provider-error.js';

export interface RetryPolicy {
  timeoutMs: number;
  /** Retries after the first request, on 429, 5xx and lost connections. */
  maxRetries: number;
  /** First wait; doubled each retry, capped at 20 s; a provider's Retry-After wins when longer (capped at 60 s). */
  baseDelayMs?: number;
  random?: () => number;
}

const MAX_BACKOFF_MS = 20_000;
const MAX_RETRY_AFTER_MS = 60_000;

/**
 * POSTs JSON to a provider and answers its JSON. Each request has its own timeout (a timed-out
 * request is not retried: the provider may still be working on it, and the caller is waiting);
 * 429 and 5xx answers and lost connections are retried with exponential backoff and jitter,
 * honouring Retry-After. Other errors (400, 401, 404) fail at once: retrying cannot fix them.
 */
export async function postJsonWithRetries(
  url: string,
  headers: Record<string, string>,
  body: unknown,
  policy: RetryPolicy,
): Promise<{ json: Record<string, unknown>; attempts: number }> {
  const random = policy.random ?? Math.random;
  const base = policy.baseDelayMs ?? 500;
  for (let attempt = 1; ; attempt++) {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
    } catch (error) {
      if (isTimeout(error)) throw new ProviderError('timeout', `no answer within ${policy.timeoutMs} ms`, null, attempt);
      if (attempt > policy.maxRetries) throw new ProviderError('network', errorText(error), null, attempt);
      await sleep(backoff(base, attempt, random));
      continue;
    }
    const text = await response.text().catch(() => '');
    if (response.ok) {
      try {
        return { json: JSON.parse(text) as Record<string, unknown>, attempts: attempt };
      } catch {
        throw new ProviderError('bad_answer', 'the provider answered something that is not JSON', response.status, attempt);
      }
    }
    const retryable = response.status === 429 || response.status >= 500;
    if (!retryable || attempt > policy.maxRetries) {
      throw new ProviderError('http', `HTTP ${response.status}: ${providerMessage(text)}`, response.status, attempt);
    }
    await sleep(Math.max(backoff(base, attempt, random), retryAfterMs(response.headers.get('retry-after'))));
  }
}

function backoff(base: number, attempt: number, random: () => number): number {
  return Math.min(MAX_BACKOFF_MS, base * 2 ** (attempt - 1)) * (1 + 0.2 * random());
}

function retryAfterMs(header: string | null): number {
  if (!header) return 0;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(header) - Date.now();
  return Math.min(MAX_RETRY_AFTER_MS, Math.max(0, ms || 0));
}

function isTimeout(error: unknown): boolean {
  return error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

function errorText(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error instanceof Error ? error.message : String(error)}${cause}`;
}

/** The provider's own words (OpenAI and Anthropic both answer `{ error: { message } }`), short. */
function providerMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { error?: { message?: unknown } | string; message?: unknown };
    const message = typeof parsed.error === 'string' ? parsed.error : parsed.error?.message ?? parsed.message;
    if (typeof message === 'string') return message.slice(0, 300);
  } catch {
    // not JSON: the text itself
  }
  return text.slice(0, 300) || 'no details';
}
