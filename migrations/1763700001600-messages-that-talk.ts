import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * One rule for "a message that counts as talking" (issue #16): an agent's reaction is no answer,
 * a customer's number change (a `system` message) or what Meta could not render is not the
 * customer talking, and imported history counts nowhere. Migration 1300 only left history out,
 * so a 👍 stopped the first-response timer and counted as a human reply and a response.
 *
 * The rule lives in whatsapp_message_talks(type, origin); the SLA trigger, the rollups' triggers
 * and their from-scratch twins all call it, and the rollups that count messages are rebuilt from
 * the twins (costs, referrals and failures do not depend on it). Its types are the ones the
 * processor already treats as "not a customer talking" (src/domain/talking-messages.ts; a test
 * keeps both lists equal). Timers a reaction stopped before this migration stay stopped.
 */
export class MessagesThatTalk1763700001600 implements MigrationInterface {
  name = 'MessagesThatTalk1763700001600';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION whatsapp_message_talks(message_type text, message_origin text) RETURNS boolean LANGUAGE sql IMMUTABLE PARALLEL SAFE AS
      $$ SELECT message_origin IS DISTINCT FROM 'history'
                AND message_type NOT IN ('reaction', 'system', 'unsupported', 'unknown', 'ephemeral', 'revoke', 'edit') $$`);
    for (const statement of definitions((m) => `whatsapp_message_talks(${m}.type, ${m}.origin)`)) await q.query(statement);
    for (const statement of REBUILD) await q.query(statement);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const statement of definitions((m) => `${m}.origin IS DISTINCT FROM 'history'`)) await q.query(statement);
    for (const statement of REBUILD) await q.query(statement);
    await q.query(`DROP FUNCTION whatsapp_message_talks(text, text)`);
  }
}

/**
 * Migration 1300's functions that decide which messages count, with `talks(alias)` as that
 * decision: the rule (up) or history only (down, as 1300 wrote them).
 */
function definitions(talks: (alias: string) => string): string[] {
  return [
    `CREATE OR REPLACE FUNCTION whatsapp_sla_on_reply() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       IF NOT EXISTS (SELECT 1 FROM whatsapp_sla_timers t JOIN inserted m ON m.conversation_id = t.conversation_id
                       WHERE t.stopped_at IS NULL AND m.direction = 'outbound' AND m.automation IS NULL AND ${talks('m')}) THEN
         RETURN NULL;
       END IF;
       PERFORM 1 FROM whatsapp_conversations c WHERE c.id IN (SELECT conversation_id FROM inserted) ORDER BY c.id FOR NO KEY UPDATE;
       UPDATE whatsapp_sla_timers t SET stopped_at = r.at
         FROM (SELECT conversation_id, min(created_at) AS at FROM inserted m WHERE direction = 'outbound' AND automation IS NULL AND ${talks('m')} GROUP BY 1) r
        WHERE t.conversation_id = r.conversation_id AND t.kind IN ('first_response', 'next_response') AND t.stopped_at IS NULL;
       RETURN NULL;
     END $$`,

    `CREATE OR REPLACE FUNCTION whatsapp_report_traffic_of(conversation uuid, account uuid, assignee text, labels text[], opened_at timestamptz,
                                                           status text, resolved_at timestamptz, sign integer, with_messages boolean DEFAULT true)
     RETURNS TABLE (account_id uuid, hour timestamptz, assignee_id text, label text, opened integer, resolved integer, inbound integer,
                    human_replies integer, automatic_replies integer)
     LANGUAGE sql STABLE AS $$
       SELECT account, t.hour, coalesce(assignee, ''), l.label, sign * sum(t.opened)::int, sign * sum(t.resolved)::int, sign * sum(t.inbound)::int,
              sign * sum(t.human)::int, sign * sum(t.automatic)::int
         FROM (
           SELECT whatsapp_report_hour(opened_at) AS hour, 1 AS opened, 0 AS resolved, 0 AS inbound, 0 AS human, 0 AS automatic
           UNION ALL
           SELECT whatsapp_report_hour(resolved_at), 0, 1, 0, 0, 0 WHERE status = 'resolved' AND resolved_at IS NOT NULL
           UNION ALL
           SELECT whatsapp_report_hour(m.created_at), 0, 0, (m.direction = 'inbound')::int,
                  (m.direction = 'outbound' AND m.automation IS NULL)::int, (m.direction = 'outbound' AND m.automation IS NOT NULL)::int
             FROM whatsapp_messages m WHERE with_messages AND m.conversation_id = conversation AND ${talks('m')}
         ) t
        CROSS JOIN LATERAL (SELECT '' AS label UNION SELECT x FROM unnest(labels) AS x WHERE x <> '') l
        GROUP BY t.hour, l.label
     $$`,

    `CREATE OR REPLACE FUNCTION whatsapp_report_on_messages_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
     BEGIN
       INSERT INTO whatsapp_report_hour_deltas (account_id, hour, assignee_id, label, inbound, human_replies, automatic_replies)
       SELECT c.account_id, whatsapp_report_hour(m.created_at), coalesce(c.assignee_id, ''), l.label,
              count(*) FILTER (WHERE m.direction = 'inbound'),
              count(*) FILTER (WHERE m.direction = 'outbound' AND m.automation IS NULL),
              count(*) FILTER (WHERE m.direction = 'outbound' AND m.automation IS NOT NULL)
         FROM inserted m JOIN whatsapp_conversations c ON c.id = m.conversation_id
        CROSS JOIN LATERAL (SELECT '' AS label UNION SELECT x FROM unnest(c.labels) AS x WHERE x <> '') l
        WHERE ${talks('m')}
        GROUP BY 1, 2, 3, 4;

       INSERT INTO whatsapp_report_failures AS r (account_id, hour, error_code, explanation_key, error_title, failures)
       SELECT c.account_id, whatsapp_report_hour(coalesce(m.failed_at, m.created_at)), coalesce(m.error_code, 0), coalesce(m.error_explanation_key, ''),
              max(m.error_title), count(*)
         FROM inserted m JOIN whatsapp_conversations c ON c.id = m.conversation_id
        WHERE m.status = 'failed'
        GROUP BY 1, 2, 3, 4
       ON CONFLICT (hour, account_id, error_code, explanation_key)
       DO UPDATE SET failures = r.failures + EXCLUDED.failures, error_title = coalesce(EXCLUDED.error_title, r.error_title);

       INSERT INTO whatsapp_report_message_deltas (conversation_id, at, tiebreak, kind, agent)
       SELECT m.conversation_id, m.created_at, m.id::text, CASE WHEN m.direction = 'inbound' THEN 'in' ELSE 'human' END, m.sent_by_id
         FROM inserted m WHERE (m.direction = 'inbound' OR m.automation IS NULL) AND ${talks('m')};
       RETURN NULL;
     END $$`,

    `CREATE OR REPLACE FUNCTION whatsapp_report_responses() RETURNS TABLE (conversation_id uuid, at timestamptz, agent text, since timestamptz, first boolean)
     LANGUAGE sql STABLE AS $$
       WITH seq AS (
         SELECT m.conversation_id, m.created_at AS at, m.id, m.direction, m.sent_by_id,
                lag(m.direction) OVER w AS previous
           FROM whatsapp_messages m WHERE (m.direction = 'inbound' OR m.automation IS NULL) AND ${talks('m')}
         WINDOW w AS (PARTITION BY m.conversation_id ORDER BY m.created_at, m.id::text)
       ), starts AS (
         SELECT *, max(CASE WHEN direction = 'inbound' AND previous IS DISTINCT FROM 'inbound' THEN at END)
                     OVER (PARTITION BY conversation_id ORDER BY at, id::text ROWS UNBOUNDED PRECEDING) AS waiting
           FROM seq
       )
       SELECT conversation_id, at, sent_by_id, waiting, row_number() OVER (PARTITION BY conversation_id ORDER BY at, id::text) = 1
         FROM starts WHERE direction = 'outbound' AND previous = 'inbound'
     $$`,

    `CREATE OR REPLACE FUNCTION whatsapp_report_expected_conversations()
     RETURNS TABLE (conversation_id uuid, account_id uuid, assignee_id varchar, labels text[], opened_at timestamptz, first_inbound_at timestamptz,
                    waiting_since timestamptz, first_response_at timestamptz, first_response_seconds integer, first_responder_id varchar,
                    resolved_at timestamptz, resolution_seconds integer, csat_rating smallint, csat_agent_id varchar, csat_at timestamptz,
                    sla_met integer, sla_breached integer)
     LANGUAGE sql STABLE AS $$
       WITH responses AS (SELECT * FROM whatsapp_report_responses()),
       last_message AS (
         SELECT DISTINCT ON (m.conversation_id) m.conversation_id, m.direction, m.created_at
           FROM whatsapp_messages m WHERE (m.direction = 'inbound' OR m.automation IS NULL) AND ${talks('m')}
          ORDER BY m.conversation_id, m.created_at DESC, m.id::text DESC
       ), waiting AS (
         -- Customer messages at the end of the conversation: the first of them.
         SELECT m.conversation_id, min(m.created_at) AS since
           FROM whatsapp_messages m
           JOIN last_message l ON l.conversation_id = m.conversation_id AND l.direction = 'inbound'
          WHERE m.direction = 'inbound' AND ${talks('m')}
            AND m.created_at >= coalesce((SELECT max(h.created_at) FROM whatsapp_messages h
                                           WHERE h.conversation_id = m.conversation_id AND h.direction = 'outbound' AND h.automation IS NULL
                                             AND ${talks('h')}), '-infinity')
          GROUP BY m.conversation_id
       ), survey AS (
         SELECT DISTINCT ON (s.conversation_id) s.conversation_id, s.rating, s.agent_id, s.answered_at
           FROM whatsapp_satisfaction_surveys s WHERE s.rating IS NOT NULL
          ORDER BY s.conversation_id, s.answered_at DESC
       )
       SELECT c.id, c.account_id, c.assignee_id, c.labels, c.created_at,
              (SELECT min(m.created_at) FROM whatsapp_messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND ${talks('m')}),
              w.since, r.at,
              CASE WHEN r.at IS NOT NULL THEN greatest(0, round(extract(epoch FROM r.at -
                (SELECT min(m.created_at) FROM whatsapp_messages m WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND ${talks('m')}))))::int END,
              r.agent,
              CASE WHEN c.status = 'resolved' THEN c.resolved_at END,
              CASE WHEN c.status = 'resolved' THEN greatest(0, extract(epoch FROM c.resolved_at - c.created_at))::int END,
              s.rating, s.agent_id, s.answered_at,
              (SELECT count(*) FROM whatsapp_sla_timers t WHERE t.conversation_id = c.id AND t.stopped_at IS NOT NULL AND t.breached_at IS NULL)::int,
              (SELECT count(*) FROM whatsapp_sla_timers t WHERE t.conversation_id = c.id AND t.breached_at IS NOT NULL)::int
         FROM whatsapp_conversations c
         LEFT JOIN waiting w ON w.conversation_id = c.id
         LEFT JOIN responses r ON r.conversation_id = c.id AND r.first
         LEFT JOIN survey s ON s.conversation_id = c.id
     $$`,

    `CREATE OR REPLACE FUNCTION whatsapp_report_expected_agent_hours()
     RETURNS TABLE (account_id uuid, hour timestamptz, agent_id text, replies integer, responses integer, response_seconds bigint)
     LANGUAGE sql STABLE AS $$
       SELECT c.account_id, x.hour, x.agent, sum(x.replies)::int, sum(x.responses)::int, sum(x.seconds)::bigint
         FROM (
           SELECT m.conversation_id, whatsapp_report_hour(m.created_at) AS hour, coalesce(m.sent_by_id, '') AS agent, 1 AS replies, 0 AS responses, 0::bigint AS seconds
             FROM whatsapp_messages m WHERE m.direction = 'outbound' AND m.automation IS NULL AND ${talks('m')}
           UNION ALL
           SELECT r.conversation_id, whatsapp_report_hour(r.at), coalesce(r.agent, ''), 0, 1, greatest(0, round(extract(epoch FROM r.at - r.since)))::bigint
             FROM whatsapp_report_responses() r
         ) x JOIN whatsapp_conversations c ON c.id = x.conversation_id
        GROUP BY 1, 2, 3
     $$`,
  ];
}

/**
 * The rollups that count messages, recounted with the functions as they now are. The pending
 * deltas were written under the old rule, so they are dropped rather than folded: the recount
 * covers what they held. Locked first so that a folder or a writer of another process waits
 * for the new rule instead of mixing both.
 */
const REBUILD = [
  `LOCK TABLE whatsapp_report_message_deltas, whatsapp_report_hour_deltas, whatsapp_report_hours, whatsapp_report_agent_hours, whatsapp_report_conversations
     IN EXCLUSIVE MODE`,
  `DELETE FROM whatsapp_report_message_deltas`,
  `DELETE FROM whatsapp_report_hour_deltas`,
  `DELETE FROM whatsapp_report_hours`,
  `INSERT INTO whatsapp_report_hours SELECT * FROM whatsapp_report_expected_hours()
     WHERE (opened, resolved, inbound, human_replies, automatic_replies) <> (0, 0, 0, 0, 0)`,
  `DELETE FROM whatsapp_report_agent_hours`,
  `INSERT INTO whatsapp_report_agent_hours SELECT * FROM whatsapp_report_expected_agent_hours()`,
  // Only what messages decide; satisfaction and SLA outcomes are kept as they were counted.
  `UPDATE whatsapp_report_conversations f
      SET first_inbound_at = e.first_inbound_at, waiting_since = e.waiting_since, first_response_at = e.first_response_at,
          first_response_seconds = e.first_response_seconds, first_responder_id = e.first_responder_id
     FROM whatsapp_report_expected_conversations() e
    WHERE e.conversation_id = f.conversation_id
      AND (f.first_inbound_at, f.waiting_since, f.first_response_at, f.first_response_seconds, f.first_responder_id)
          IS DISTINCT FROM (e.first_inbound_at, e.waiting_since, e.first_response_at, e.first_response_seconds, e.first_responder_id)`,
];
