export const WEBHOOK_OUTCOMES = [
  'stored',
  'storedUnparseable',
  'signatureMissing',
  'signatureInvalid',
  'signedByAnotherApp',
  'tooLarge',
  'badRequest',
  'storeFailed',
  'misconfigured',
  'handshakeAccepted',
  'handshakeRejected',
] as const;
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];

/**
 * Counts what the webhook route answered, per process, for a host's metrics endpoint
 * (Prometheus counters, a health page). Forged or misconfigured deliveries show up here as
 * `signatureMissing` / `signatureInvalid` / `signedByAnotherApp` without anyone reading the logs.
 */
export class WebhookMetrics {
  private readonly counts = Object.fromEntries(WEBHOOK_OUTCOMES.map((outcome) => [outcome, 0])) as Record<WebhookOutcome, number>;

  count(outcome: WebhookOutcome): void {
    this.counts[outcome] += 1;
  }

  snapshot(): Record<WebhookOutcome, number> {
    return { ...this.counts };
  }
}
