import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The report trigger on new messages (migration 1600) joins the inserted rows to
 * whatsapp_conversations. A PL/pgSQL statement without parameters keeps the plan it was given
 * the first time a connection ran it: on a new install, or in the first minutes of a campaign
 * that brings thousands of new customers, that plan hashes the whole conversations table because
 * it was small then, and goes on scanning it (measured: 60,000 conversations read per processor
 * transaction after a minute at 1,000 new customers/s, the processing lag growing from 0.6 to
 * 3 s). EXECUTE plans the two joins each time, for the rows inserted and the table as it is now:
 * an index lookup per conversation, at the cost of a fraction of a millisecond per statement.
 */
export class ReportTriggerPlans1763700001700 implements MigrationInterface {
  name = 'ReportTriggerPlans1763700001700';

  async up(q: QueryRunner): Promise<void> {
    await q.query(onMessagesInserted((sql) => `EXECUTE $sql$ ${sql} $sql$;`));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(onMessagesInserted((sql) => `${sql};`));
  }
}

/** The trigger function, with `run` deciding how its statements joined to conversations are run (planned each time, or kept). */
function onMessagesInserted(run: (sql: string) => string): string {
  return `CREATE OR REPLACE FUNCTION whatsapp_report_on_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
   BEGIN
     ${run(`INSERT INTO whatsapp_report_hour_deltas (account_id, hour, assignee_id, label, inbound, human_replies, automatic_replies)
     SELECT c.account_id, whatsapp_report_hour(m.created_at), coalesce(c.assignee_id, ''), l.label,
            count(*) FILTER (WHERE m.direction = 'inbound'),
            count(*) FILTER (WHERE m.direction = 'outbound' AND m.automation IS NULL),
            count(*) FILTER (WHERE m.direction = 'outbound' AND m.automation IS NOT NULL)
       FROM inserted m JOIN whatsapp_conversations c ON c.id = m.conversation_id
      CROSS JOIN LATERAL (SELECT '' AS label UNION SELECT x FROM unnest(c.labels) AS x WHERE x <> '') l
      WHERE whatsapp_message_talks(m.type, m.origin)
      GROUP BY 1, 2, 3, 4`)}

     ${run(`INSERT INTO whatsapp_report_failures AS r (account_id, hour, error_code, explanation_key, error_title, failures)
     SELECT c.account_id, whatsapp_report_hour(coalesce(m.failed_at, m.created_at)), coalesce(m.error_code, 0), coalesce(m.error_explanation_key, ''),
            max(m.error_title), count(*)
       FROM inserted m JOIN whatsapp_conversations c ON c.id = m.conversation_id
      WHERE m.status = 'failed'
      GROUP BY 1, 2, 3, 4
     ON CONFLICT (hour, account_id, error_code, explanation_key)
     DO UPDATE SET failures = r.failures + EXCLUDED.failures, error_title = coalesce(EXCLUDED.error_title, r.error_title)`)}

     INSERT INTO whatsapp_report_message_deltas (conversation_id, at, tiebreak, kind, agent)
     SELECT m.conversation_id, m.created_at, m.id::text, CASE WHEN m.direction = 'inbound' THEN 'in' ELSE 'human' END, m.sent_by_id
       FROM inserted m WHERE (m.direction = 'inbound' OR m.automation IS NULL) AND whatsapp_message_talks(m.type, m.origin);
     RETURN NULL;
   END $$`;
}
