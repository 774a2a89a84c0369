import { randomBytes } from 'node:crypto';
import type pg from 'pg';

/**
 * The core of `npm run seed:large`: a busy inbox written by INSERT … SELECT over
 * generate_series, a chunk per statement, never row by row.
 *
 * The data keeps the invariants the inbox relies on, as the webhook processor and the reply use
 * case would have left them: at most one live (not resolved) conversation per contact and
 * number, a conversation's last_message_at and last_inbound_at equal to its last message's and
 * last customer message's times, unread_count equal to the customer messages after our last
 * reply on live conversations (0 on resolved ones, which an agent has read), assignees who hold
 * inbox.view on the conversation's number, and only settled outbound statuses (no queued or
 * sending message without its job).
 *
 * Shape: three numbers (50 / 30 / 20 % of the traffic), 12 agents with per-number grants (one team
 * lead per number with inbox.view_all, one agent on two numbers) and a manager; four contacts in
 * five have one conversation, the others an older resolved one and a newer one; last activity
 * spread evenly over 180 days; most conversations resolved, a few thousand open or pending among
 * the recent ones (about half unassigned); message counts exponential around the mean; the
 * first message is the customer's 95 % of the time; outbound statuses read / delivered / sent,
 * 2 % failed with Meta's usual reasons. Conversations with an intent also carry it as a label, a
 * managed one (whatsapp_labels, applied through whatsapp_conversation_labels, as an agent would):
 * the inbox's and the reports' label filters offer and find them.
 * The report rollups fill themselves as the rows go in (the migration's triggers).
 */
export interface SeedSize {
  conversations: number;
  messages: number;
}

export interface SeedProgress {
  advance(by: number): void;
  finish(): void;
}

export interface SeedOptions extends SeedSize {
  /** Password hash of the seeded agents and manager (they all share one password). */
  passwordHash: string;
  progress?: (label: string, total: number, unit: string) => SeedProgress;
  /** Messages per INSERT statement. */
  messagesPerStatement?: number;
  /** random()'s seed, in [-1, 1]: the same size and seed draw the same inbox (ids apart). */
  randomSeed?: number;
}

export interface SeedSummary {
  accountIds: string[];
  agentEmails: string[];
  managerEmail: string;
  contacts: number;
  conversations: number;
  messages: number;
}

export const SEED_EMAIL_DOMAIN = 'seed.example.com';
export const SEED_MANAGER_EMAIL = `manager@${SEED_EMAIL_DOMAIN}`;

/** Above these, a database is "already full" and seeding needs --force. */
export const FULL_DATABASE = { conversations: 10_000, messages: 100_000 };

const NUMBERS = [
  { name: 'Sales (seeded)', share: 5 },
  { name: 'Support (seeded)', share: 3 },
  { name: 'Partnerships (seeded)', share: 2 },
];

/** Agents by the numbers they hold inbox permissions on; `lead` adds inbox.view_all there. */
const AGENTS: { name: string; numbers: number[]; lead?: boolean }[] = [
  { name: 'Yasmine Haddad', numbers: [0], lead: true },
  { name: 'Karim Benali', numbers: [0] },
  { name: 'Nadia Ferhat', numbers: [0] },
  { name: 'Sofiane Meziane', numbers: [0] },
  { name: 'Leila Bouzid', numbers: [0] },
  { name: 'Mehdi Rahmani', numbers: [0, 1] },
  { name: 'Samira Touati', numbers: [1], lead: true },
  { name: 'Rachid Amrani', numbers: [1] },
  { name: 'Imane Cherif', numbers: [1] },
  { name: 'Walid Saadi', numbers: [1] },
  { name: 'Amel Kaci', numbers: [2] },
  { name: 'Farid Ouali', numbers: [2] },
];
const AGENT_PERMISSIONS = ['inbox.view', 'inbox.reply', 'inbox.assign', 'inbox.resolve', 'leads.manage'];

/** The seeded agents' and manager's password (a local benchmark database). */
export const seedPassword = () => process.env.SEED_PASSWORD ?? 'seeded inbox password';

export const seedAgentEmail = (index: number) => `agent${String(index + 1).padStart(2, '0')}@${SEED_EMAIL_DOMAIN}`;

const FIRST_NAMES = ['Amina', 'Yacine', 'Sarah', 'Omar', 'Lina', 'Bilal', 'Meriem', 'Anis', 'Hana', 'Reda', 'Ines', 'Nassim', 'Dounia', 'Ilyes', 'Rania', 'Hamza', 'Selma', 'Adel', 'Kenza', 'Zakaria'];
const LAST_NAMES = ['Belkacem', 'Zerrouki', 'Boudiaf', 'Mansouri', 'Hamidi', 'Saidi', 'Brahimi', 'Djebbar', 'Larbi', 'Messaoudi', 'Taleb', 'Yahiaoui', 'Bensalem', 'Kaddour', 'Nouri', 'Guerfi', 'Lounis', 'Aouadi', 'Chikhi', 'Rezig'];
const INBOUND_TEXTS = [
  'Bonjour, je voudrais des informations sur vos formations.',
  'Hello, do you have places left for the September session?',
  'Quels sont vos tarifs pour une école privée de 300 élèves ?',
  'Merci pour votre réponse rapide !',
  'Can you send me the invoice again please?',
  'السلام عليكم، أريد معرفة المزيد عن عروضكم',
  'Our company would like a quote for 40 employees.',
  'Is the offer still valid this week?',
  'D’accord, je vous rappelle demain.',
  'We have not received the delivery yet.',
];
const OUTBOUND_TEXTS = [
  'Bonjour ! Merci pour votre message, je regarde cela tout de suite.',
  'Yes, there are still a few places. Shall I book one for you?',
  'Je vous envoie le devis détaillé dans la journée.',
  'With pleasure. Anything else I can help you with?',
  'The invoice has been sent to your email address.',
  'وعليكم السلام، يسعدنا مساعدتك',
  'Could you tell me the name of your organisation?',
  'Your order left our warehouse this morning.',
];
/** Meta's usual reasons for an outbound failure: code, title as Meta sends it, our explanation key. */
const FAILURES: [number, string][] = [
  [131047, 'Re-engagement message'],
  [131026, 'Message undeliverable'],
  [131049, 'This message was not delivered to maintain healthy ecosystem engagement.'],
  [131050, 'Unable to deliver the message. This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.'],
  [130472, "User's number is part of an experiment"],
];

/** The intents the plan draws, which are also the seeded conversations' labels. */
const INTENTS = ['school', 'company', 'partnership', 'institution'];

/** Existing conversations and messages, to refuse seeding over a database that is already full. */
export async function existingVolume(client: pg.ClientBase): Promise<SeedSize> {
  const { rows } = await client.query(
    `SELECT (SELECT count(*) FROM whatsapp_conversations)::int AS conversations, (SELECT count(*) FROM whatsapp_messages)::int AS messages`,
  );
  return rows[0] as SeedSize;
}

export function isFull(volume: SeedSize): boolean {
  return volume.conversations >= FULL_DATABASE.conversations || volume.messages >= FULL_DATABASE.messages;
}

export async function seedInbox(client: pg.ClientBase, options: SeedOptions): Promise<SeedSummary> {
  const { conversations, messages } = options;
  if (!Number.isInteger(conversations) || conversations < 10) throw new Error('seed at least 10 conversations');
  if (!Number.isInteger(messages) || messages < conversations) throw new Error('every conversation needs a message: messages ≥ conversations');
  const progress = options.progress ?? (() => ({ advance() {}, finish() {} }));
  const perStatement = options.messagesPerStatement ?? 100_000;
  // Four contacts in five have one conversation; the others have two.
  const contacts = Math.ceil(conversations * 0.8);
  // Ids must be unique across runs (--force seeds again beside earlier data).
  const tag = randomBytes(4).toString('hex');

  // Losing the last commits on a crash only loses seed data; every statement gets faster.
  await client.query(`SET synchronous_commit = off`);
  await client.query(`SELECT setseed($1)`, [options.randomSeed ?? 0.5]);
  const { rows: clock } = await client.query(`SELECT now() AS now`);
  const now = clock[0].now as Date;

  const accountIds = await createNumbers(client, tag);
  const { agentEmails, agentIds } = await createTeam(client, options.passwordHash, accountIds);
  await planConversations(client, { conversations, contacts, messages, now, accountIds, agentIds });

  await client.query(CREATE_LABELS, [INTENTS]);
  const people = progress('contacts and conversations', contacts + conversations, 'rows');
  const rowsPerStatement = 20_000;
  for (let from = 1; from <= contacts; from += rowsPerStatement) {
    const to = Math.min(contacts, from + rowsPerStatement - 1);
    await client.query(INSERT_CONTACTS, [from, to]);
    people.advance(to - from + 1);
  }
  for (let from = 1; from <= conversations; from += rowsPerStatement) {
    const to = Math.min(conversations, from + rowsPerStatement - 1);
    await client.query(INSERT_CONVERSATIONS, [from, to]);
    people.advance(to - from + 1);
  }
  people.finish();

  // In time order, as they would have arrived: a conversation's messages lie on as many pages
  // as in a real inbox, and the newest ones at the end of the table.
  const written = progress('messages', messages, 'messages');
  const { rows: span } = await client.query(`SELECT min(first_at) AS first FROM seed_plan`);
  const first = (span[0].first as Date).getTime();
  const end = now.getTime() + 1000;
  const windows = Math.ceil(messages / perStatement);
  const boundary = (i: number) => new Date(i === windows ? end : first + ((end - first) * i) / windows);
  for (let i = 0; i < windows; i++) {
    const { rows } = await client.query(INSERT_MESSAGES, [
      boundary(i), boundary(i + 1), now, INBOUND_TEXTS, OUTBOUND_TEXTS, FAILURES.map(([code]) => code), FAILURES.map(([, title]) => title),
    ]);
    written.advance(Number(rows[0]?.inserted ?? 0));
  }
  written.finish();
  await client.query(SUMMARIZE_CONVERSATIONS);
  await client.query(`DROP TABLE seed_plan, seed_contacts, seed_team`);
  return { accountIds, agentEmails, managerEmail: SEED_MANAGER_EMAIL, contacts, conversations, messages };
}

async function createNumbers(client: pg.ClientBase, tag: string): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, number] of NUMBERS.entries()) {
    // Ids of Meta's shape (digits), unique per run; no token: the seeded numbers receive, they do not send.
    const digits = String(parseInt(tag, 16)).padStart(10, '0');
    const { rows } = await client.query(
      `INSERT INTO whatsapp_accounts (phone_number_id, waba_id, display_phone_number, name, default_region)
       VALUES ($1, $2, $3, $4, 'DZ') RETURNING id`,
      [`9${digits}${index}`, `8${digits}${index}`, `21377000${String(index).padStart(4, '0')}`, number.name],
    );
    ids.push(rows[0].id);
  }
  return ids;
}

async function createTeam(
  client: pg.ClientBase,
  passwordHash: string,
  accountIds: string[],
): Promise<{ agentEmails: string[]; agentIds: string[] }> {
  const upsert = async (email: string, name: string, role: string) => {
    const { rows } = await client.query(
      `WITH account AS (
         INSERT INTO whatsapp_admin_users (email, name, role, password_hash) VALUES ($1, $2, $3, $4)
         ON CONFLICT (email) DO UPDATE SET name = EXCLUDED.name, role = EXCLUDED.role, password_hash = EXCLUDED.password_hash, is_active = true
         RETURNING id::text AS id, name, email, role)
       INSERT INTO whatsapp_agents AS a (id, name, email, role) SELECT id, name, email, role FROM account
       ON CONFLICT (id) DO UPDATE SET name = EXCLUDED.name, email = EXCLUDED.email, role = EXCLUDED.role, is_active = true
       RETURNING a.id`,
      [email, name, role, passwordHash],
    );
    return rows[0].id as string;
  };
  await upsert(SEED_MANAGER_EMAIL, 'Malik Hamdi (manager)', 'manager');
  const agentEmails: string[] = [];
  const agentIds: string[] = [];
  for (const [index, agent] of AGENTS.entries()) {
    const email = seedAgentEmail(index);
    const id = await upsert(email, agent.name, 'agent');
    agentEmails.push(email);
    agentIds.push(id);
    for (const number of agent.numbers) {
      for (const permission of [...AGENT_PERMISSIONS, ...(agent.lead ? ['inbox.view_all'] : [])]) {
        await client.query(
          `INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, $2, $3)
           ON CONFLICT (agent_id, permission, account_id) WHERE account_id IS NOT NULL DO NOTHING`,
          [id, permission, accountIds[number]],
        );
      }
    }
  }
  return { agentEmails, agentIds };
}

/**
 * One row per conversation (seed_plan) and per contact (seed_contacts), drawn at once so the
 * chunked inserts after it only copy. Message counts: 1 + a share of (messages − conversations)
 * proportional to an exponential weight, cut at cumulative floors so they add up exactly.
 */
async function planConversations(
  client: pg.ClientBase,
  plan: { conversations: number; contacts: number; messages: number; now: Date; accountIds: string[]; agentIds: string[] },
): Promise<void> {
  const shares = NUMBERS.map((n) => n.share);
  await client.query(`CREATE TEMPORARY TABLE seed_team (number int PRIMARY KEY, agents uuid[] NOT NULL)`);
  for (const [number] of NUMBERS.entries()) {
    const agents = AGENTS.flatMap((agent, index) => (agent.numbers.includes(number) ? [plan.agentIds[index]] : []));
    await client.query(`INSERT INTO seed_team (number, agents) VALUES ($1, $2)`, [number, agents]);
  }

  await client.query(
    `CREATE TEMPORARY TABLE seed_contacts AS
     SELECT k, gen_random_uuid() AS id,
            CASE WHEN k % 10 < $2 THEN 0 WHEN k % 10 < $2 + $3 THEN 1 ELSE 2 END AS number,
            '213' || (5 + k % 3) || lpad((k / 3)::text, 8, '0') AS wa_id,
            ($4::text[])[1 + k % 20] || ' ' || ($5::text[])[1 + (k / 20) % 20] AS name
       FROM generate_series(1, $1::int) AS k`,
    [plan.contacts, shares[0], shares[1], FIRST_NAMES, LAST_NAMES],
  );
  await client.query(`ALTER TABLE seed_contacts ADD PRIMARY KEY (k)`);

  await client.query(
    `CREATE TEMPORARY TABLE seed_plan AS
     WITH drawn AS (
       SELECT n, CASE WHEN n <= $2 THEN n ELSE n - $2 END AS contact_k,
              least(-ln(1 - random()), 12) AS weight,
              exp(ln(60) + random() * ln(240)) AS span_seconds,
              random() AS status_draw, random() AS assign_draw, random() AS agent_draw, random() AS intent_draw,
              random() * 3600 AS jitter_seconds
         FROM generate_series(1, $1::int) AS n
     ), cumulated AS (
       SELECT *, sum(weight) OVER (ORDER BY n) AS cumulated, sum(weight) OVER () AS total FROM drawn
     ), cut AS (
       SELECT *, (CASE WHEN n = $1 THEN $3 - $1 ELSE floor(($3 - $1) * cumulated / total) END)::bigint AS extra_end FROM cumulated
     ), counted AS (
       SELECT *, 1 + extra_end - lag(extra_end, 1, 0::bigint) OVER (ORDER BY n) AS msg_count,
              $4::timestamptz - ($1 - n)::float8 / $1 * interval '180 days' - jitter_seconds * interval '1 second' AS last_at,
              CASE WHEN n <= $1 - $2 THEN 'resolved'
                   WHEN n > 0.9 * $1 THEN CASE WHEN status_draw < 0.4 THEN 'open' WHEN status_draw < 0.5 THEN 'pending' ELSE 'resolved' END
                   WHEN status_draw < 0.02 THEN 'open'
                   ELSE 'resolved' END AS status
         FROM cut
     )
     SELECT c.n, c.contact_k, gen_random_uuid() AS conversation_id, k.id AS contact_id, k.wa_id, ($5::uuid[])[k.number + 1] AS account_id,
            c.msg_count::int AS msg_count, c.span_seconds, c.last_at,
            c.last_at - (c.msg_count - 1) * c.span_seconds * interval '1 second' AS first_at,
            c.status,
            CASE WHEN c.status = 'resolved' THEN least($4::timestamptz, c.last_at + c.jitter_seconds * interval '1 second') END AS resolved_at,
            CASE WHEN (c.status = 'resolved' AND c.assign_draw < 0.92) OR (c.status <> 'resolved' AND c.assign_draw < 0.55)
                 THEN t.agents[1 + floor(power(c.agent_draw, 1.6) * cardinality(t.agents))::int] END AS assignee_id,
            CASE WHEN c.intent_draw < 0.3 THEN ($6::text[])[1 + floor(c.intent_draw / 0.3 * cardinality($6::text[]))::int] END AS intent
       FROM counted c JOIN seed_contacts k ON k.k = c.contact_k JOIN seed_team t ON t.number = k.number`,
    [plan.conversations, plan.contacts, plan.messages, plan.now, plan.accountIds, INTENTS],
  );
  await client.query(`CREATE INDEX ON seed_plan (n)`);
  await client.query(`ANALYZE seed_plan`);
}

const INSERT_CONTACTS = `
  INSERT INTO whatsapp_contacts (id, account_id, wa_id, phone_e164, profile_name, created_at, updated_at)
  SELECT k.id, p.account_id, k.wa_id, '+' || k.wa_id, k.name, p.first_at, p.first_at
    FROM seed_contacts k JOIN seed_plan p ON p.n = k.k
   WHERE k.k BETWEEN $1 AND $2`;

/** The labels of the intents, managed (one per name whatever its case: an earlier run's are reused). */
const CREATE_LABELS = `
  INSERT INTO whatsapp_labels (name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING`;

/**
 * `labels` holds the names the join table's trigger derives from whatsapp_conversation_labels
 * (the label's own spelling), so that trigger changes nothing and the rollups count each
 * conversation once, under its label, from the start.
 */
const INSERT_CONVERSATIONS = `
  WITH planned AS (
    SELECT p.*, l.id AS label_id, l.name AS label_name
      FROM seed_plan p LEFT JOIN whatsapp_labels l ON lower(l.name) = lower(p.intent)
     WHERE p.n BETWEEN $1 AND $2
  ), inserted AS (
    INSERT INTO whatsapp_conversations (id, account_id, contact_id, status, assignee_id, intent, labels, resolved_at, last_message_at, created_at, updated_at)
    SELECT conversation_id, account_id, contact_id, status, assignee_id, intent, CASE WHEN label_name IS NULL THEN '{}' ELSE ARRAY[label_name] END,
           resolved_at, last_at, first_at, coalesce(resolved_at, last_at)
      FROM planned
    RETURNING id, created_at
  ), labelled AS (
    INSERT INTO whatsapp_conversation_labels (conversation_id, label_id, added_at)
    SELECT p.conversation_id, p.label_id, p.first_at FROM planned p WHERE p.label_id IS NOT NULL
  )
  INSERT INTO whatsapp_conversation_events (conversation_id, kind, details, created_at)
  SELECT id, 'opened', '{"seeded": true}', created_at FROM inserted`;

/**
 * The messages written in [$1, $2): message k of a conversation is at first_at + (k − 1) × span,
 * so the ones before an instant t are the first ceil((t − first_at) / span); adjacent windows
 * share their boundary, so every message falls in exactly one.
 */
const INSERT_MESSAGES = `
  WITH generated AS (
    SELECT p.conversation_id, p.n, g.k, p.wa_id, p.assignee_id,
           p.first_at + (g.k - 1) * p.span_seconds * interval '1 second' AS at,
           CASE WHEN g.k = 1 THEN random() < 0.95 ELSE random() < 0.5 END AS inbound,
           random() AS outcome, random() AS reason, random() AS read_delay
      FROM seed_plan p
     CROSS JOIN LATERAL generate_series(
             least(p.msg_count, greatest(0, ceil(extract(epoch FROM $1::timestamptz - p.first_at) / p.span_seconds)))::int + 1,
             least(p.msg_count, greatest(0, ceil(extract(epoch FROM $2::timestamptz - p.first_at) / p.span_seconds)))::int) AS g(k)
     WHERE p.first_at < $2 AND p.last_at >= $1::timestamptz - interval '1 minute'
  ), shaped AS (
    -- The conversation's hash keeps wamids unique beside an earlier run's (--force).
    SELECT g.*, 'wamid.seed.' || g.n || '.' || g.k || '.' || substr(md5(g.conversation_id::text), 1, 8) AS wamid,
           CASE WHEN g.inbound THEN ($4::text[])[1 + (g.n + g.k) % cardinality($4::text[])]
                ELSE ($5::text[])[1 + (g.n + g.k) % cardinality($5::text[])] END AS body,
           CASE WHEN g.inbound THEN 'received' WHEN g.outcome < 0.02 THEN 'failed' WHEN g.outcome < 0.07 THEN 'sent'
                WHEN g.outcome < 0.35 THEN 'delivered' ELSE 'read' END AS status,
           1 + floor(g.reason * cardinality($6::int[]))::int AS failure
      FROM generated g
  ), inserted AS (
    INSERT INTO whatsapp_messages (conversation_id, wamid, direction, type, body, payload, status, queued_at, sent_at, delivered_at,
        read_at, failed_at, received_at, error_code, error_title, error_explanation_key, send_attempts, sent_by_id, created_at, updated_at)
    SELECT s.conversation_id, s.wamid, CASE WHEN s.inbound THEN 'inbound' ELSE 'outbound' END, 'text', s.body,
           CASE WHEN s.inbound
                THEN jsonb_build_object('from', s.wa_id, 'id', s.wamid, 'timestamp', floor(extract(epoch FROM s.at))::bigint::text,
                                        'type', 'text', 'text', jsonb_build_object('body', s.body))
                ELSE jsonb_build_object('messaging_product', 'whatsapp', 'recipient_type', 'individual', 'to', s.wa_id,
                                        'type', 'text', 'text', jsonb_build_object('body', s.body)) END,
           s.status,
           CASE WHEN NOT s.inbound THEN s.at END,
           CASE WHEN s.status IN ('sent', 'delivered', 'read', 'failed') THEN s.at + interval '1 second' END,
           CASE WHEN s.status IN ('delivered', 'read') THEN s.at + interval '3 seconds' END,
           CASE WHEN s.status = 'read' THEN least($3::timestamptz, s.at + interval '4 seconds' + s.read_delay * interval '2 hours') END,
           CASE WHEN s.status = 'failed' THEN s.at + interval '5 seconds' END,
           CASE WHEN s.inbound THEN s.at END,
           CASE WHEN s.status = 'failed' THEN ($6::int[])[s.failure] END,
           CASE WHEN s.status = 'failed' THEN ($7::text[])[s.failure] END,
           CASE WHEN s.status = 'failed' THEN 'metaError.' || ($6::int[])[s.failure] END,
           CASE WHEN s.inbound THEN 0 ELSE 1 END,
           CASE WHEN NOT s.inbound THEN s.assignee_id END,
           s.at, s.at
      FROM shaped s
     ORDER BY s.at
    RETURNING 1
  )
  SELECT count(*)::int AS inserted FROM inserted`;

/**
 * What the inbox derives from a conversation's messages, as the processor and the reply use case
 * maintain it: the last message's and last customer message's times, and on live conversations
 * the customer messages after our last reply still unread (an agent read the resolved ones).
 */
const SUMMARIZE_CONVERSATIONS = `
  WITH per AS (
    SELECT m.conversation_id, max(m.created_at) AS last_at,
           max(m.created_at) FILTER (WHERE m.direction = 'inbound') AS last_inbound_at,
           max(m.created_at) FILTER (WHERE m.direction = 'outbound') AS last_outbound_at
      FROM whatsapp_messages m
     WHERE m.conversation_id IN (SELECT conversation_id FROM seed_plan)
     GROUP BY m.conversation_id
  )
  UPDATE whatsapp_conversations c
     SET last_message_at = per.last_at, last_inbound_at = per.last_inbound_at,
         unread_count = CASE WHEN c.status = 'resolved' THEN 0 ELSE (
           SELECT count(*) FROM whatsapp_messages m
            WHERE m.conversation_id = c.id AND m.direction = 'inbound' AND m.created_at > coalesce(per.last_outbound_at, '-infinity')) END
    FROM per
   WHERE c.id = per.conversation_id`;
