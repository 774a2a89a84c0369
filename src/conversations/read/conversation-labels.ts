import type { LabelColour } from '../../domain/label-colours.js';
import { queryRows, type Queryable } from '../../db/sql.js';

/** A label as the screens show it. */
export interface LabelView {
  id: string;
  name: string;
  colour: LabelColour;
}

/** The labels of the conversation `alias.id`, by name, as a JSON array: a select-list expression for the lists and the panel. */
export const labelsJson = (alias: string) => `(
  SELECT coalesce(json_agg(json_build_object('id', l.id, 'name', l.name, 'colour', l.colour) ORDER BY lower(l.name)), '[]'::json)
    FROM whatsapp_conversation_labels cl JOIN whatsapp_labels l ON l.id = cl.label_id
   WHERE cl.conversation_id = ${alias}.id)`;

/** Every label, by name: what the pickers and the filter offer. */
export async function allLabels(db: Queryable): Promise<LabelView[]> {
  return queryRows<LabelView>(db, `SELECT id, name, colour FROM whatsapp_labels ORDER BY lower(name)`);
}

/** One conversation's labels, by name. */
export async function labelsOf(db: Queryable, conversationId: string): Promise<LabelView[]> {
  const [row] = await queryRows<{ labels: LabelView[] }>(db, `SELECT ${labelsJson('c')} AS labels FROM whatsapp_conversations c WHERE c.id = $1`, [conversationId]);
  return row?.labels ?? [];
}
