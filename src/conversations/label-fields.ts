import { isLabelColour, type LabelColour } from '../domain/label-colours.js';
import { queryOne, type Queryable } from '../db/sql.js';
import { LabelRefusal } from './label-refusal.js';

export const LABEL_NAME_MAX = 50;

/**
 * A label as typed on the labels screen → what is stored: the name trimmed, its inner spaces
 * collapsed, unique whatever its case (`VIP` and `vip` are one label); a colour of the palette.
 * `labelId`: the label being edited, which may keep its own name.
 */
export async function labelFields(db: Queryable, draft: { name?: unknown; colour?: unknown }, labelId?: string): Promise<{ name: string; colour: LabelColour }> {
  const name = typeof draft.name === 'string' ? draft.name.replace(/\s+/g, ' ').trim() : '';
  if (!name) throw LabelRefusal.of('label-name-required');
  if (name.length > LABEL_NAME_MAX) throw LabelRefusal.of('label-name-too-long', { max: LABEL_NAME_MAX });
  const colour = draft.colour === undefined || draft.colour === '' ? 'grey' : draft.colour;
  if (!isLabelColour(colour)) throw LabelRefusal.of('label-colour-unknown');
  const taken = await queryOne<{ id: string }>(db, `SELECT id FROM whatsapp_labels WHERE lower(name) = lower($1) AND id IS DISTINCT FROM $2::uuid`, [
    name,
    labelId ?? null,
  ]);
  if (taken) throw LabelRefusal.of('label-name-taken', { name });
  return { name, colour };
}
