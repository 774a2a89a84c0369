import { Refusal, refusalKey } from '../domain/refusal.js';

export type IntegrationRefusalReason =
  | 'not-allowed'
  | 'name-required'
  | 'invalid-url'
  | 'unknown-event-kind'
  | 'unknown-number'
  | 'unknown-permission'
  | 'no-permission'
  | 'invalid-expiry'
  | 'invalid-rate'
  | 'not-found';

/** A webhook endpoint or API token change that was not made (`integrations.refusal.<reason>`); nothing was written. */
export class IntegrationRefusal extends Refusal {
  override readonly name = 'IntegrationRefusal';
  declare readonly reason: IntegrationRefusalReason;

  static of(reason: IntegrationRefusalReason, params: Record<string, string | number> = {}): IntegrationRefusal {
    return new IntegrationRefusal(reason, refusalKey('integrations', reason), params);
  }
}
