import { Refusal, refusalKey } from '../domain/refusal.js';

export type WorkflowRefusalReason =
  | 'conversation-not-found'
  | 'not-visible'
  | 'taken-by-another'
  | 'not-allowed'
  | 'assignee-not-eligible'
  | 'another-conversation-live'
  | 'lead-not-found'
  | 'lead-already-linked'
  | 'lead-organisation-required'
  | 'lead-field-too-long'
  | 'lead-invalid-phone'
  | 'lead-invalid-email'
  | 'lead-invalid-choice'
  | 'note-empty'
  | 'note-too-long'
  | 'snooze-in-the-past'
  | 'schedule-in-the-past'
  | 'scheduled-not-found'
  | 'scheduled-already-gone';

/** A change to a conversation an agent asked for and that was not made (`inbox.refusal.<reason>`). */
export class WorkflowRefusal extends Refusal {
  override readonly name = 'WorkflowRefusal';
  declare readonly reason: WorkflowRefusalReason;

  static of(reason: WorkflowRefusalReason, params: Record<string, string | number> = {}): WorkflowRefusal {
    return new WorkflowRefusal(reason, refusalKey('inbox', reason), params);
  }
}
