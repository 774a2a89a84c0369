import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Labels become managed things (a name and a colour, renamed or deleted in one place) applied to
 * conversations through a join table, instead of free text in `whatsapp_conversations.labels`;
 * and each agent keeps the inbox filters he uses as named views.
 *
 * The free-text labels are carried over: each distinct text becomes a label (grey), applied where
 * it was, except the copies keyword routing made of a conversation's own intent, which the inbox
 * shows as the intent. `whatsapp_conversations.labels` stays as the names of the conversation's
 * labels, written only by triggers from the join table (and a label's renaming): the reports'
 * rollups and the SLA policies match labels by name there.
 */
export class LabelsAndSavedViews1763700001110 implements MigrationInterface {
  name = 'LabelsAndSavedViews1763700001110';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE "whatsapp_labels" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(50) NOT NULL,
        "colour" character varying(20) NOT NULL DEFAULT 'grey',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_labels" PRIMARY KEY ("id")
      )`);
    // One label per name whatever its case: "VIP" and "vip" are the same label.
    await q.query(`CREATE UNIQUE INDEX "uq_whatsapp_labels_name" ON "whatsapp_labels" (lower("name"))`);

    await q.query(`
      CREATE TABLE "whatsapp_conversation_labels" (
        "conversation_id" uuid NOT NULL,
        "label_id" uuid NOT NULL,
        "added_by_id" character varying(200),
        "added_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_conversation_labels" PRIMARY KEY ("conversation_id", "label_id"),
        CONSTRAINT "fk_whatsapp_conversation_labels_conversation" FOREIGN KEY ("conversation_id") REFERENCES "whatsapp_conversations"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_conversation_labels_label" FOREIGN KEY ("label_id") REFERENCES "whatsapp_labels"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_conversation_labels_added_by" FOREIGN KEY ("added_by_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);
    // The list filtered on a label, and a label's deletion.
    await q.query(`CREATE INDEX "ix_whatsapp_conversation_labels_label" ON "whatsapp_conversation_labels" ("label_id", "conversation_id")`);

    await q.query(`
      INSERT INTO whatsapp_labels (name)
      SELECT DISTINCT ON (lower(left(btrim(label), 50))) left(btrim(label), 50)
        FROM whatsapp_conversations c, unnest(c.labels) AS label
       WHERE btrim(label) <> '' AND label IS DISTINCT FROM c.intent
       ORDER BY lower(left(btrim(label), 50)), left(btrim(label), 50)`);
    await q.query(`
      INSERT INTO whatsapp_conversation_labels (conversation_id, label_id)
      SELECT DISTINCT c.id, l.id
        FROM whatsapp_conversations c, unnest(c.labels) AS label
        JOIN whatsapp_labels l ON lower(l.name) = lower(left(btrim(label), 50))
       WHERE label IS DISTINCT FROM c.intent`);
    await q.query(`
      CREATE FUNCTION whatsapp_conversation_label_names(conversation uuid) RETURNS text[] LANGUAGE sql STABLE AS $$
        SELECT coalesce(array_agg(l.name ORDER BY lower(l.name)), '{}')
          FROM whatsapp_conversation_labels cl JOIN whatsapp_labels l ON l.id = cl.label_id
         WHERE cl.conversation_id = conversation
      $$`);
    await q.query(`UPDATE whatsapp_conversations c SET labels = whatsapp_conversation_label_names(c.id) WHERE c.labels <> '{}'`);
    await q.query(`
      CREATE FUNCTION whatsapp_conversation_labels_changed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE whatsapp_conversations c SET labels = whatsapp_conversation_label_names(c.id)
         WHERE c.id IN (SELECT DISTINCT conversation_id FROM changed);
        RETURN NULL;
      END $$`);
    // A statement's rows at once (a bulk labelling, a label's deletion cascading): one update per conversation.
    await q.query(`CREATE TRIGGER "whatsapp_conversation_labels_added" AFTER INSERT ON "whatsapp_conversation_labels"
      REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION whatsapp_conversation_labels_changed()`);
    await q.query(`CREATE TRIGGER "whatsapp_conversation_labels_removed" AFTER DELETE ON "whatsapp_conversation_labels"
      REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION whatsapp_conversation_labels_changed()`);
    await q.query(`
      CREATE FUNCTION whatsapp_label_renamed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE whatsapp_conversations c SET labels = whatsapp_conversation_label_names(c.id)
         WHERE c.id IN (SELECT conversation_id FROM whatsapp_conversation_labels WHERE label_id = NEW.id);
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER "whatsapp_label_renamed" AFTER UPDATE OF "name" ON "whatsapp_labels"
      FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) EXECUTE FUNCTION whatsapp_label_renamed()`);

    await q.query(`
      CREATE TABLE "whatsapp_saved_views" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "agent_id" character varying(200) NOT NULL,
        "name" character varying(60) NOT NULL,
        "filters" jsonb NOT NULL DEFAULT '{}',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_saved_views" PRIMARY KEY ("id"),
        CONSTRAINT "uq_whatsapp_saved_views_agent_name" UNIQUE ("agent_id", "name"),
        CONSTRAINT "fk_whatsapp_saved_views_agent" FOREIGN KEY ("agent_id") REFERENCES "whatsapp_agents"("id") ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    // The labels' names stay in whatsapp_conversations.labels, as free text again.
    await q.query(`DROP TABLE "whatsapp_saved_views"`);
    await q.query(`DROP TABLE "whatsapp_conversation_labels"`);
    await q.query(`DROP TABLE "whatsapp_labels"`);
    await q.query(`DROP FUNCTION whatsapp_label_renamed()`);
    await q.query(`DROP FUNCTION whatsapp_conversation_labels_changed()`);
    await q.query(`DROP FUNCTION whatsapp_conversation_label_names(uuid)`);
  }
}
