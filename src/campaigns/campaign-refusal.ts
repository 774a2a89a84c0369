import { Refusal, refusalKey } from '../domain/refusal.js';

export type CampaignRefusalReason =
  | 'not-found'
  | 'not-allowed'
  | 'name-required'
  | 'account-not-found'
  | 'template-not-found'
  | 'template-not-approved'
  | 'parameters-unmapped'
  | 'audience-required'
  | 'audience-empty'
  | 'crm-audience-unknown'
  | 'csv-not-readable'
  | 'csv-no-phone-column'
  | 'csv-too-large'
  | 'not-a-draft'
  | 'not-sending'
  | 'not-paused'
  | 'already-finished'
  | 'invalid-speed'
  | 'invalid-schedule'
  | 'marketing-api-unavailable'
  | 'sequence-problems'
  | 'sequence-not-active'
  | 'api-enrollment-off'
  | 'contact-not-found'
  | 'enrollment-not-found';

/** A campaign change a manager (or the API) asked for and that was not made (`campaigns.refusal.<reason>`). Nothing was written. */
export class CampaignRefusal extends Refusal {
  override readonly name = 'CampaignRefusal';
  declare readonly reason: CampaignRefusalReason;

  static of(reason: CampaignRefusalReason, params: Record<string, string | number> = {}): CampaignRefusal {
    return new CampaignRefusal(reason, refusalKey('campaigns', reason), params);
  }
}
