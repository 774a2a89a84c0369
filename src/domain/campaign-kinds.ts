/*
 * The words of campaigns, shared by the server and the back office's components: broadcast and
 * recipient states, audiences, parameter mappings, sequence steps, triggers and enrollments.
 */

export const BROADCAST_STATUSES = ['draft', 'scheduled', 'sending', 'paused', 'completed', 'cancelled'] as const;
export type BroadcastStatus = (typeof BROADCAST_STATUSES)[number];

export const RECIPIENT_STATES = ['pending', 'queued', 'skipped'] as const;
export type RecipientState = (typeof RECIPIENT_STATES)[number];

/** Why a recipient got no message; each is shown (and exported) with the row. */
export const RECIPIENT_SKIP_REASONS = [
  'invalid-phone',
  'duplicate',
  'opted-out',
  'missing-parameter',
  'number-blocked',
  'cancelled',
  'not-sendable',
] as const;
export type RecipientSkipReason = (typeof RECIPIENT_SKIP_REASONS)[number];

/** Who a broadcast goes to. */
export type BroadcastAudience =
  /** Contacts of the number whose conversations carry these labels (any or all of them). */
  | { kind: 'labels'; labels: string[]; match: 'any' | 'all' }
  /** Contacts of the number whose attributes equal these values (all of them). */
  | { kind: 'attributes'; conditions: { key: string; value: string }[] }
  /** Records of the host CRM, from an audience the host declared (`campaigns.audiences`). */
  | { kind: 'crm'; audience: string }
  /** Phones (with per-row values) from an uploaded CSV file. */
  | { kind: 'csv'; fileName: string; columns: string[] }
  /** Not chosen yet (a draft). */
  | { kind: 'none' };

export const AUDIENCE_KINDS = ['labels', 'attributes', 'crm', 'csv'] as const;

/** Where a template parameter's value comes from, per recipient. */
export type ParameterMapping =
  | { source: 'text'; text: string }
  /** `name`, `phone`, `crm_label`, or `attribute:<key>` of the contact. */
  | { source: 'contact'; field: string }
  /** A column of the recipient's row (CSV column, host audience field). */
  | { source: 'column'; column: string };

export const PARAMETER_SOURCES = ['text', 'contact', 'column'] as const;
export const CONTACT_FIELDS = ['name', 'phone', 'crm_label'] as const;

export const SEQUENCE_STATUSES = ['active', 'paused'] as const;
export type SequenceStatus = (typeof SEQUENCE_STATUSES)[number];

/** A condition a branch step checks. */
export type BranchCondition =
  /** The customer wrote since the enrollment's last message. */
  | { kind: 'replied' }
  /** The contact's live (or latest) conversation carries this label. */
  | { kind: 'label'; label: string }
  /** A field of the contact's CRM record (asked of the host) or a contact attribute equals a value. */
  | { kind: 'crm_field'; field: string; value: string };

export type SequenceStep =
  | { id: string; kind: 'template'; templateId: string; parameters: Record<string, ParameterMapping> }
  | { id: string; kind: 'wait'; amount: number; unit: 'hours' | 'days'; /** `HH:MM` in the contact's time zone, for waits in days. */ atTime?: string | null }
  | { id: string; kind: 'wait_business_hours' }
  /** Goes to `thenStepId` when the condition holds, else `elseStepId`; null ends the sequence. Absent: the next step. */
  | { id: string; kind: 'branch'; condition: BranchCondition; thenStepId?: string | null; elseStepId?: string | null }
  /** Free text, sent only while the 24-hour window is open (skipped otherwise, with the reason in the timeline). */
  | { id: string; kind: 'text'; text: string };

export const STEP_KINDS = ['template', 'wait', 'wait_business_hours', 'branch', 'text'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

export type SequenceTrigger =
  | { kind: 'lead_created' }
  /** A customer's message that is one of these words (case and accents ignored). */
  | { kind: 'keyword'; keywords: string[] }
  | { kind: 'label_added'; label: string }
  | { kind: 'api' };

export const TRIGGER_KINDS = ['lead_created', 'keyword', 'label_added', 'api'] as const;

export const ENROLLMENT_STATUSES = ['active', 'completed', 'exited'] as const;
export type EnrollmentStatus = (typeof ENROLLMENT_STATUSES)[number];

export const ENROLLMENT_SOURCES = ['manual', 'bulk', 'event', 'keyword', 'api'] as const;
export type EnrollmentSource = (typeof ENROLLMENT_SOURCES)[number];

export const ENROLLMENT_EXIT_REASONS = ['replied', 'opted-out', 'resolved', 'manual', 'sequence-deleted', 'no-phone'] as const;
export type EnrollmentExitReason = (typeof ENROLLMENT_EXIT_REASONS)[number];

export const ENROLLMENT_EVENT_KINDS = ['enrolled', 'sent', 'skipped', 'waiting', 'branched', 'completed', 'exited'] as const;
export type EnrollmentEventKind = (typeof ENROLLMENT_EVENT_KINDS)[number];
