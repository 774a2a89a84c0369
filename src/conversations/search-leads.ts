import { containsPattern } from '../db/like-pattern.js';
import { typedPhoneSpellings } from '../domain/phone.js';
import { queryRows } from '../db/sql.js';
import { holds, type InboxActor } from '../permissions/permission-snapshot.js';
import { visibleLeadsPredicate } from '../permissions/visible-leads.js';
import type { PluginContext } from '../context/plugin-context.js';
import { WorkflowRefusal } from './workflow-refusal.js';

export interface LeadSummary {
  id: string;
  organisation: string;
  /** The person to talk to there. */
  name: string | null;
  phone: string | null;
  email: string | null;
  status: string;
}

const LIMIT = 20;
/** Enough digits to mean "part of a phone number" rather than a house number in a name. */
const MIN_PHONE_DIGITS = 4;

/**
 * B2B leads an agent may link a conversation to (`leads.manage`): by organisation or contact
 * name (any case), or by phone however it is typed — every spelling of the number (national,
 * international, Brazil's 9th digit, Mexico's 521, Argentina's 549) finds the stored E.164, and
 * a fragment of digits finds the numbers that contain it. Exact phone matches come first.
 * Without a query, the latest leads. Only the leads the actor may see are searched.
 */
export async function searchLeads(context: PluginContext, input: { q: string; actor: InboxActor }): Promise<LeadSummary[]> {
  if (!holds(input.actor, 'leads.manage')) throw WorkflowRefusal.of('not-allowed');
  const q = input.q.trim().slice(0, 200);
  const spellings = q ? typedPhoneSpellings(q, context.options.defaultRegion).map((digits) => `+${digits}`) : [];
  const digits = /^[\d\s().+\-/]+$/.test(q) ? q.replace(/\D/g, '').replace(/^0+/, '') : '';
  const visible = visibleLeadsPredicate(input.actor, 'l', 4);
  return queryRows<LeadSummary>(
    context.dataSource,
    `SELECT id, organisation_name AS organisation, contact_name AS name,
            phone_e164 AS phone, email, status
       FROM whatsapp_leads l
      WHERE ($1 = ''
         OR organisation_name ILIKE $2 ESCAPE '\\' OR contact_name ILIKE $2 ESCAPE '\\'
         OR phone_e164 = ANY($3::text[])
         OR ($4 <> '' AND phone_e164 LIKE '%' || $4 || '%'))
        AND ${visible.sql}
      ORDER BY COALESCE(phone_e164 = ANY($3::text[]), false) DESC, (CASE WHEN $1 = '' THEN created_at END) DESC, lower(organisation_name), id
      LIMIT ${LIMIT}`,
    [q, containsPattern(q), spellings, digits.length >= MIN_PHONE_DIGITS ? digits : '', ...visible.params],
  );
}
