import type { MigrationInterface, QueryRunner } from 'typeorm';

/*
 * The AI assistant (issue #18): assistants (a model at a provider, its sealed key, its price and
 * its hand-over rules), knowledge bases shared by numbers (FAQ entries, uploaded documents, the
 * passages they are cut into with a full-text vector), each number's and each conversation's
 * mode, and every run of a model (suggestion, answer, summary, test) with its tokens and cost.
 *
 * The passages' vector is built by `whatsapp_knowledge_vector(text)` from the inbox search's own
 * normalisation (`whatsapp_search_text`, migration 1100) stemmed in English, French and Arabic
 * (where the server has those configurations) plus the words as they are; a question becomes a
 * query by `whatsapp_knowledge_query(text)`: its words less the stop words of any of the three
 * languages, OR-ed, so that a passage matching one meaningful word of a question is found.
 *
 * With pgvector on the server, passages also get an embedding (table whatsapp_knowledge_embeddings,
 * created here only when `CREATE EXTENSION vector` succeeds; not an entity, read by SQL only).
 */

// Words are split on spaces and ASCII punctuation: the normalised text is in the "C" collation,
// where [:alnum:] would know no Arabic letter, and its Arabic punctuation is already folded to ASCII.
// Arabic has no stop-word list in PostgreSQL: the common question and function words, each
// normalised by whatsapp_search_text like the words they are compared with.
const ARABIC_STOP_WORDS = [
  'من', 'في', 'على', 'الى', 'عن', 'ما', 'ماذا', 'هل', 'هي', 'هو', 'ان', 'لا', 'مع', 'هذا', 'هذه', 'كم', 'كيف', 'متى', 'اين', 'لماذا',
  'التي', 'الذي', 'كان', 'او', 'و', 'يا', 'انا', 'انت', 'نحن', 'لكم', 'لك', 'لي', 'عندكم', 'هناك', 'اي', 'ثم', 'قد', 'كل', 'بعد', 'قبل',
];

export class Assistant1763700001500 implements MigrationInterface {
  name = 'Assistant1763700001500';

  async up(q: QueryRunner): Promise<void> {
    const configurations = new Set(
      ((await q.query(`SELECT cfgname FROM pg_ts_config WHERE cfgname IN ('english', 'french', 'arabic')`)) as { cfgname: string }[]).map((row) => row.cfgname),
    );
    const stemmed = ['english', 'french', 'arabic'].filter((name) => configurations.has(name));
    const [{ schema }] = (await q.query(`SELECT current_schema() AS schema`)) as { schema: string }[];
    const normalise = `"${schema}".whatsapp_search_text`;
    const vectorOf = (text: string) => [...stemmed.map((cfg) => `to_tsvector('${cfg}', ${text})`), `to_tsvector('simple', ${text})`].join(' || ');
    const emptyIn = (word: string) => stemmed.map((cfg) => `to_tsvector('${cfg}', ${word}) = ''::tsvector`).join(' OR ');
    await q.query(`
      CREATE FUNCTION whatsapp_knowledge_vector(text) RETURNS tsvector LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$
        SELECT ${vectorOf(`${normalise}($1)`)}
      $f$`);
    await q.query(`
      CREATE FUNCTION whatsapp_knowledge_words(text) RETURNS SETOF text LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$
        SELECT DISTINCT word FROM regexp_split_to_table(${normalise}($1), '[[:space:][:punct:]]+') AS word
         WHERE length(word) > 1 AND word <> ALL (ARRAY(SELECT ${normalise}(w) FROM unnest(ARRAY[${ARABIC_STOP_WORDS.map((w) => `'${w}'`).join(', ')}]::text[]) AS w))
           ${stemmed.length ? `AND NOT (${emptyIn('word')})` : ''}
      $f$`);
    await q.query(`
      CREATE FUNCTION whatsapp_knowledge_query(text) RETURNS tsquery LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $f$
        SELECT COALESCE(
          (SELECT string_agg(quote_literal(lexeme), ' | ')::tsquery
             FROM (SELECT DISTINCT unnest(tsvector_to_array(${vectorOf('word')})) AS lexeme
                     FROM whatsapp_knowledge_words($1) AS word) AS lexemes),
          ''::tsquery)
      $f$`);

    await q.query(`
      CREATE TABLE "whatsapp_assistants" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(100) NOT NULL,
        "provider" character varying(20) NOT NULL DEFAULT 'openai',
        "base_url" character varying(500) NOT NULL,
        "model" character varying(200) NOT NULL,
        "temperature" real NOT NULL DEFAULT 0.2,
        "api_key_encrypted" text,
        "embedding_model" character varying(200),
        "instructions" text,
        "timeout_ms" integer NOT NULL DEFAULT 30000,
        "max_retries" integer NOT NULL DEFAULT 3,
        "input_price_per_million" numeric(12,4) NOT NULL DEFAULT 0,
        "output_price_per_million" numeric(12,4) NOT NULL DEFAULT 0,
        "currency" character(3) NOT NULL DEFAULT 'USD',
        "handover_keywords" text NOT NULL DEFAULT '',
        "max_exchanges" integer NOT NULL DEFAULT 6,
        "answers_per_hour" integer NOT NULL DEFAULT 10,
        "handover_agent_id" character varying(200),
        "answer_hours" character varying(30) NOT NULL DEFAULT 'always',
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_assistants" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_assistants_provider" CHECK ("provider" IN ('openai', 'anthropic')),
        CONSTRAINT "ck_whatsapp_assistants_answer_hours" CHECK ("answer_hours" IN ('always', 'business_hours', 'outside_business_hours')),
        CONSTRAINT "ck_whatsapp_assistants_limits" CHECK ("timeout_ms" BETWEEN 1000 AND 300000 AND "max_retries" BETWEEN 0 AND 10 AND "max_exchanges" >= 1 AND "answers_per_hour" >= 1),
        CONSTRAINT "fk_whatsapp_assistants_handover_agent" FOREIGN KEY ("handover_agent_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE "whatsapp_assistant_numbers" (
        "account_id" uuid NOT NULL,
        "assistant_id" uuid,
        "mode" character varying(10) NOT NULL DEFAULT 'off',
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_assistant_numbers" PRIMARY KEY ("account_id"),
        CONSTRAINT "ck_whatsapp_assistant_numbers_mode" CHECK ("mode" IN ('off', 'suggest', 'answer')),
        CONSTRAINT "fk_whatsapp_assistant_numbers_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_assistant_numbers_assistant" FOREIGN KEY ("assistant_id") REFERENCES "whatsapp_assistants"("id") ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE "whatsapp_assistant_conversations" (
        "conversation_id" uuid NOT NULL,
        "mode" character varying(10),
        "handed_over_at" TIMESTAMP WITH TIME ZONE,
        "handover_reason" character varying(30),
        "updated_by_id" character varying(200),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_assistant_conversations" PRIMARY KEY ("conversation_id"),
        CONSTRAINT "ck_whatsapp_assistant_conversations_mode" CHECK ("mode" IN ('off', 'suggest', 'answer')),
        CONSTRAINT "fk_whatsapp_assistant_conversations_conversation" FOREIGN KEY ("conversation_id") REFERENCES "whatsapp_conversations"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_assistant_conversations_updated_by" FOREIGN KEY ("updated_by_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE "whatsapp_knowledge_bases" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "name" character varying(100) NOT NULL,
        "description" text,
        "index_status" character varying(10) NOT NULL DEFAULT 'idle',
        "index_total" integer NOT NULL DEFAULT 0,
        "index_done" integer NOT NULL DEFAULT 0,
        "index_error" text,
        "indexed_at" TIMESTAMP WITH TIME ZONE,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_knowledge_bases" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_knowledge_bases_index_status" CHECK ("index_status" IN ('idle', 'queued', 'indexing', 'failed'))
      )`);
    await q.query(`
      CREATE TABLE "whatsapp_knowledge_base_numbers" (
        "knowledge_base_id" uuid NOT NULL,
        "account_id" uuid NOT NULL,
        CONSTRAINT "pk_whatsapp_knowledge_base_numbers" PRIMARY KEY ("knowledge_base_id", "account_id"),
        CONSTRAINT "fk_whatsapp_knowledge_base_numbers_base" FOREIGN KEY ("knowledge_base_id") REFERENCES "whatsapp_knowledge_bases"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_knowledge_base_numbers_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_knowledge_base_numbers_account" ON "whatsapp_knowledge_base_numbers" ("account_id")`);
    await q.query(`
      CREATE TABLE "whatsapp_knowledge_documents" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "knowledge_base_id" uuid NOT NULL,
        "file_name" character varying(255) NOT NULL,
        "kind" character varying(10) NOT NULL,
        "byte_size" integer NOT NULL,
        "text" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_knowledge_documents" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_knowledge_documents_kind" CHECK ("kind" IN ('csv', 'text', 'markdown', 'pdf')),
        CONSTRAINT "fk_whatsapp_knowledge_documents_base" FOREIGN KEY ("knowledge_base_id") REFERENCES "whatsapp_knowledge_bases"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_knowledge_documents_base" ON "whatsapp_knowledge_documents" ("knowledge_base_id")`);
    await q.query(`
      CREATE TABLE "whatsapp_knowledge_entries" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "knowledge_base_id" uuid NOT NULL,
        "document_id" uuid,
        "question" text NOT NULL,
        "answer" text NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_knowledge_entries" PRIMARY KEY ("id"),
        CONSTRAINT "fk_whatsapp_knowledge_entries_base" FOREIGN KEY ("knowledge_base_id") REFERENCES "whatsapp_knowledge_bases"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_knowledge_entries_document" FOREIGN KEY ("document_id") REFERENCES "whatsapp_knowledge_documents"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_knowledge_entries_base" ON "whatsapp_knowledge_entries" ("knowledge_base_id")`);
    await q.query(`
      CREATE TABLE "whatsapp_knowledge_chunks" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "knowledge_base_id" uuid NOT NULL,
        "entry_id" uuid,
        "document_id" uuid,
        "position" integer NOT NULL,
        "content" text NOT NULL,
        "search_vector" tsvector NOT NULL,
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_knowledge_chunks" PRIMARY KEY ("id"),
        CONSTRAINT "fk_whatsapp_knowledge_chunks_base" FOREIGN KEY ("knowledge_base_id") REFERENCES "whatsapp_knowledge_bases"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_knowledge_chunks_entry" FOREIGN KEY ("entry_id") REFERENCES "whatsapp_knowledge_entries"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_knowledge_chunks_document" FOREIGN KEY ("document_id") REFERENCES "whatsapp_knowledge_documents"("id") ON DELETE CASCADE
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_knowledge_chunks_base" ON "whatsapp_knowledge_chunks" ("knowledge_base_id")`);
    await q.query(`CREATE INDEX "ix_whatsapp_knowledge_chunks_search" ON "whatsapp_knowledge_chunks" USING gin ("search_vector")`);
    await q.query(`
      CREATE TABLE "whatsapp_assistant_runs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "kind" character varying(10) NOT NULL,
        "conversation_id" uuid,
        "assistant_id" uuid,
        "account_id" uuid,
        "outcome" character varying(15) NOT NULL,
        "reason" character varying(30),
        "message_id" uuid,
        "question" text,
        "text" text,
        "passages" jsonb NOT NULL DEFAULT '[]',
        "provider" character varying(20),
        "model" character varying(200),
        "input_tokens" integer NOT NULL DEFAULT 0,
        "output_tokens" integer NOT NULL DEFAULT 0,
        "cost_micros" bigint NOT NULL DEFAULT 0,
        "currency" character(3),
        "attempts" integer NOT NULL DEFAULT 0,
        "duration_ms" integer NOT NULL DEFAULT 0,
        "error" text,
        "requested_by_id" character varying(200),
        "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "pk_whatsapp_assistant_runs" PRIMARY KEY ("id"),
        CONSTRAINT "ck_whatsapp_assistant_runs_kind" CHECK ("kind" IN ('suggest', 'answer', 'summary', 'test')),
        CONSTRAINT "ck_whatsapp_assistant_runs_outcome" CHECK ("outcome" IN ('answered', 'handed_over', 'skipped', 'failed')),
        CONSTRAINT "fk_whatsapp_assistant_runs_conversation" FOREIGN KEY ("conversation_id") REFERENCES "whatsapp_conversations"("id") ON DELETE CASCADE,
        CONSTRAINT "fk_whatsapp_assistant_runs_assistant" FOREIGN KEY ("assistant_id") REFERENCES "whatsapp_assistants"("id") ON DELETE SET NULL,
        CONSTRAINT "fk_whatsapp_assistant_runs_account" FOREIGN KEY ("account_id") REFERENCES "whatsapp_accounts"("id") ON DELETE SET NULL,
        CONSTRAINT "fk_whatsapp_assistant_runs_message" FOREIGN KEY ("message_id") REFERENCES "whatsapp_messages"("id") ON DELETE SET NULL,
        CONSTRAINT "fk_whatsapp_assistant_runs_requested_by" FOREIGN KEY ("requested_by_id") REFERENCES "whatsapp_agents"("id") ON DELETE SET NULL
      )`);
    await q.query(`CREATE INDEX "ix_whatsapp_assistant_runs_conversation_created" ON "whatsapp_assistant_runs" ("conversation_id", "created_at")`);
    await q.query(`CREATE INDEX "ix_whatsapp_assistant_runs_created" ON "whatsapp_assistant_runs" ("created_at")`);
    // The assistant's own messages are automatic ones of their own kind: shown "AI" in the thread,
    // never taken for a person's response by the SLA timers and the reports.
    await q.query(`ALTER TABLE "whatsapp_messages" DROP CONSTRAINT "ck_whatsapp_messages_automation"`);
    await q.query(
      `ALTER TABLE "whatsapp_messages" ADD CONSTRAINT "ck_whatsapp_messages_automation" CHECK ("automation" IN ('greeting', 'away', 'auto_reply', 'survey', 'assistant'))`,
    );

    await q.query(`
      DO $$ BEGIN
        CREATE EXTENSION IF NOT EXISTS vector;
      EXCEPTION WHEN OTHERS THEN
        RAISE NOTICE 'adminjs-whatsapp: pgvector is not available (%): the assistant retrieves passages by full-text search only', SQLERRM;
      END $$`);
    const vectorSchema = ((await q.query(`SELECT n.nspname AS schema FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace WHERE e.extname = 'vector'`)) as {
      schema: string;
    }[])[0]?.schema;
    if (vectorSchema) {
      // Any dimension (each model has its own): the model's name is kept beside each vector and only
      // vectors of the assistant's embedding model are compared.
      await q.query(`
        CREATE TABLE "whatsapp_knowledge_embeddings" (
          "chunk_id" uuid NOT NULL,
          "model" character varying(200) NOT NULL,
          "embedding" "${vectorSchema}".vector NOT NULL,
          CONSTRAINT "pk_whatsapp_knowledge_embeddings" PRIMARY KEY ("chunk_id", "model"),
          CONSTRAINT "fk_whatsapp_knowledge_embeddings_chunk" FOREIGN KEY ("chunk_id") REFERENCES "whatsapp_knowledge_chunks"("id") ON DELETE CASCADE
        )`);
    }
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS "whatsapp_knowledge_embeddings"`);
    await q.query(`ALTER TABLE "whatsapp_messages" DROP CONSTRAINT "ck_whatsapp_messages_automation"`);
    await q.query(`UPDATE "whatsapp_messages" SET "automation" = 'auto_reply' WHERE "automation" = 'assistant'`);
    await q.query(
      `ALTER TABLE "whatsapp_messages" ADD CONSTRAINT "ck_whatsapp_messages_automation" CHECK ("automation" IN ('greeting', 'away', 'auto_reply', 'survey'))`,
    );
    for (const table of [
      'whatsapp_assistant_runs', 'whatsapp_knowledge_chunks', 'whatsapp_knowledge_entries', 'whatsapp_knowledge_documents', 'whatsapp_knowledge_base_numbers',
      'whatsapp_knowledge_bases', 'whatsapp_assistant_conversations', 'whatsapp_assistant_numbers', 'whatsapp_assistants',
    ]) {
      await q.query(`DROP TABLE "${table}"`);
    }
    await q.query(`DROP FUNCTION whatsapp_knowledge_query(text)`);
    await q.query(`DROP FUNCTION whatsapp_knowledge_words(text)`);
    await q.query(`DROP FUNCTION whatsapp_knowledge_vector(text)`);
  }
}
