import { normalizePhone } from '../domain/phone.js';
import { LEAD_SOURCES, LEAD_STATUSES, type LeadSource, type LeadStatus } from '../domain/lead-choices.js';
import { WorkflowRefusal } from './workflow-refusal.js';

/** A lead as typed in a form: every field a string (or absent), named like WhatsAppLead's properties. */
export interface LeadDraft {
  organisationName?: unknown;
  contactName?: unknown;
  phoneE164?: unknown;
  email?: unknown;
  source?: unknown;
  status?: unknown;
  notes?: unknown;
}

/** A lead ready for whatsapp_leads. */
export interface LeadFields {
  organisationName: string;
  contactName: string | null;
  phoneE164: string | null;
  email: string | null;
  source: LeadSource;
  status: LeadStatus;
  notes: string | null;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks a typed lead and brings it to the stored form: trimmed text within the columns'
 * lengths, the phone as E.164 (read in `defaultRegion` like the B2B leads form does), a source
 * of `whatsapp` unless another known one is given. The first problem is refused with its reason.
 */
export function leadFieldsFrom(draft: LeadDraft, defaultRegion: string): LeadFields {
  const organisationName = text(draft.organisationName, 'organisationName', 300);
  if (!organisationName) throw WorkflowRefusal.of('lead-organisation-required');
  const typedPhone = text(draft.phoneE164, 'phoneE164', 40);
  const phoneE164 = typedPhone ? normalizePhone(typedPhone, defaultRegion) : null;
  if (typedPhone && !phoneE164) throw WorkflowRefusal.of('lead-invalid-phone', { phone: typedPhone });
  const email = text(draft.email, 'email', 320);
  if (email && !EMAIL.test(email)) throw WorkflowRefusal.of('lead-invalid-email', { email });
  return {
    organisationName,
    contactName: text(draft.contactName, 'contactName', 200),
    phoneE164,
    email,
    source: choice(draft.source, 'source', LEAD_SOURCES) ?? 'whatsapp',
    status: choice(draft.status, 'status', LEAD_STATUSES) ?? 'new',
    notes: text(draft.notes, 'notes', 10_000),
  };
}

function text(value: unknown, field: string, max: number): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = String(value).trim();
  if (trimmed.length > max) throw WorkflowRefusal.of('lead-field-too-long', { field, max });
  return trimmed === '' ? null : trimmed;
}

function choice<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | null {
  const given = text(value, field, 40);
  if (given === null) return null;
  if (!(allowed as readonly string[]).includes(given)) throw WorkflowRefusal.of('lead-invalid-choice', { field, value: given });
  return given as T;
}
