import { parseInboxFilters, type InboxFilters } from '../domain/inbox-filters.js';
import { isUuid } from '../domain/uuid.js';
import { queryOne, queryRows, type Queryable } from '../db/sql.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { SavedViewRefusal } from './saved-view-refusal.js';

/** A view an agent saved: its name and the list's tab and filters. */
export interface SavedView {
  id: string;
  name: string;
  filters: InboxFilters;
}

export const SAVED_VIEW_NAME_MAX = 60;
/** Enough for every habit; a runaway script cannot fill the table. */
export const SAVED_VIEWS_PER_AGENT = 50;

/** The actor's own views, by name. Nobody reads another agent's views. */
export async function savedViewsOf(db: Queryable, actor: InboxActor): Promise<SavedView[]> {
  const rows = await queryRows<SavedView>(db, `SELECT id, name, filters FROM whatsapp_saved_views WHERE agent_id = $1 ORDER BY lower(name)`, [actor.id]);
  return rows.map((row) => ({ ...row, filters: parseInboxFilters(row.filters) }));
}

/** Saves the filters under a name; saving under a name the agent already used replaces that view. */
export async function saveView(db: Queryable, actor: InboxActor, input: { name: unknown; filters: unknown }): Promise<SavedView> {
  const name = typeof input.name === 'string' ? input.name.replace(/\s+/g, ' ').trim() : '';
  if (!name) throw SavedViewRefusal.of('view-name-required');
  if (name.length > SAVED_VIEW_NAME_MAX) throw SavedViewRefusal.of('view-name-too-long', { max: SAVED_VIEW_NAME_MAX });
  const filters = parseInboxFilters(input.filters);
  const saved = await queryOne<SavedView>(
    db,
    `INSERT INTO whatsapp_saved_views (agent_id, name, filters)
     SELECT $1::varchar, $2::varchar, $3::jsonb WHERE (SELECT count(*) FROM whatsapp_saved_views WHERE agent_id = $1::varchar AND name <> $2::varchar) < $4
     ON CONFLICT (agent_id, name) DO UPDATE SET filters = EXCLUDED.filters, updated_at = now()
     RETURNING id, name, filters`,
    [actor.id, name, filters, SAVED_VIEWS_PER_AGENT],
  );
  if (!saved) throw SavedViewRefusal.of('too-many-views', { max: SAVED_VIEWS_PER_AGENT });
  return { ...saved, filters: parseInboxFilters(saved.filters) };
}

/** Deletes one of the actor's views; another agent's view, or none, is left alone. */
export async function deleteSavedView(db: Queryable, actor: InboxActor, viewId: unknown): Promise<boolean> {
  if (!isUuid(viewId)) return false;
  const deleted = await queryRows<{ id: string }>(db, `DELETE FROM whatsapp_saved_views WHERE id = $1 AND agent_id = $2 RETURNING id`, [viewId, actor.id]);
  return deleted.length > 0;
}
