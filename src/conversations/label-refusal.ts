import { Refusal, refusalKey } from '../domain/refusal.js';

export type LabelRefusalReason = 'label-not-found' | 'label-name-required' | 'label-name-too-long' | 'label-name-taken' | 'label-colour-unknown';

/** A label change that was not made, and why (`labels.refusal.<reason>`). */
export class LabelRefusal extends Refusal {
  override readonly name = 'LabelRefusal';
  declare readonly reason: LabelRefusalReason;

  static of(reason: LabelRefusalReason, params: Record<string, string | number> = {}): LabelRefusal {
    return new LabelRefusal(reason, refusalKey('labels', reason), params);
  }
}
