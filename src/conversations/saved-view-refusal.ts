import { Refusal, refusalKey } from '../domain/refusal.js';

export type SavedViewRefusalReason = 'view-name-required' | 'view-name-too-long' | 'too-many-views';

/** A view that was not saved, and why (`savedViews.refusal.<reason>`). */
export class SavedViewRefusal extends Refusal {
  override readonly name = 'SavedViewRefusal';
  declare readonly reason: SavedViewRefusalReason;

  static of(reason: SavedViewRefusalReason, params: Record<string, string | number> = {}): SavedViewRefusal {
    return new SavedViewRefusal(reason, refusalKey('savedViews', reason), params);
  }
}
