import type { PluginContext } from '../context/plugin-context.js';
import { prepared, queryOne, queryRows, type Queryable } from '../db/sql.js';
import type { Transaction } from '../db/transaction.js';
import { rulesToApply } from '../domain/auto-reply-match.js';
import { customerLanguage, textInLanguage } from '../domain/customer-language.js';
import { isOpenAt } from '../domain/business-hours.js';
import { NOT_TALKING_TYPES } from '../domain/talking-messages.js';
import { LANGUAGES } from '../i18n/catalogue.js';
import type { InboundMessage } from '../domain/webhook-payload.js';
import { loadAutomationSettings, type AutomationSettings } from './automation-settings.js';
import { queueAssignment } from './auto-assignment.js';
import { recordSurveyReply } from './satisfaction-survey.js';
import { sendAutomaticMessage } from './send-automatic-message.js';
import { startSlaTimers } from './sla-timers.js';

/** A message as the processor stored it: a customer's, or one of the business (an echo) or of the past (history). */
export interface StoredInboundMessage {
  messageId: string;
  accountId: string;
  conversationId: string;
  contactId: string;
  /** As Meta sent it. */
  message: InboundMessage;
  /** What the thread shows of it (text, caption, chosen title). */
  text: string | null;
  direction: 'inbound' | 'outbound';
  /** `business_app` (a coexistence echo: the business wrote from its phone) or `history` (imported past chats); null: live. */
  origin: string | null;
  /** Arrived now, as opposed to imported. */
  live: boolean;
}

interface ConversationState {
  id: string;
  accountId: string;
  contactId: string;
  status: string;
  assigneeId: string | null;
  labels: string[];
  contactLanguage: string | null;
  /** Opened or reopened by this transaction's messages. */
  isNew: boolean;
  lastGreetingAt: Date | null;
  lastAwayAt: Date | null;
  answeredBefore: boolean;
}

/** The languages a customer's text is told apart between: the back office's and the rules' own. */
export function ruleLanguages(rules: readonly { language: string | null }[]): string[] {
  return [...new Set([...LANGUAGES, ...rules.map((r) => r.language).filter((l): l is string => l !== null)])];
}

export interface Rule {
  id: string;
  name: string;
  keywords: string[];
  pattern: string | null;
  language: string | null;
  replyText: string | null;
  templateId: string | null;
  stopAfter: boolean;
  accountId: string | null;
}

/**
 * The processor's one call into automation, in its transaction, after the customer messages of
 * the transaction were stored: satisfaction answers are recorded (and nothing else runs for
 * them); SLA timers start; outside business hours the away message goes, else a new
 * conversation gets the greeting (each at most once per conversation per the number's period);
 * keyword rules reply in order; and numbers that assign automatically get a round queued. Every
 * automatic message goes through sendAutomaticMessage (the window, the hourly cap, the marks).
 *
 * Costs one statement when no number of the batch has any automation.
 */
export async function runInboundAutomations(context: PluginContext, tx: Transaction, stored: readonly StoredInboundMessage[]): Promise<void> {
  // Only a live customer talking: never our own messages, coexistence echoes, imported history.
  const messages = stored.filter(
    (m) => m.direction === 'inbound' && m.origin === null && m.live && !NOT_TALKING_TYPES.has(m.message.type) && !m.message.errors?.length,
  );
  if (messages.length === 0) return;
  const accountIds = [...new Set(messages.map((m) => m.accountId))];
  const present = await queryOne<{ settings: boolean; rules: boolean; policies: boolean; surveys: boolean }>(
    tx.manager,
    prepared(`SELECT EXISTS (SELECT 1 FROM whatsapp_automation_settings WHERE account_id = ANY($1::uuid[])) AS settings,
            EXISTS (SELECT 1 FROM whatsapp_auto_reply_rules WHERE enabled AND (account_id IS NULL OR account_id = ANY($1::uuid[]))) AS rules,
            EXISTS (SELECT 1 FROM whatsapp_sla_policies WHERE enabled AND (account_id IS NULL OR account_id = ANY($1::uuid[]))) AS policies,
            EXISTS (SELECT 1 FROM whatsapp_satisfaction_surveys s JOIN whatsapp_conversations c ON c.id = s.conversation_id
                     WHERE c.contact_id = ANY($2::uuid[]) AND (s.answered_at IS NULL OR s.comment_until > $3)) AS surveys`),
    [accountIds, [...new Set(messages.map((m) => m.contactId))], context.clock.now()],
  );
  if (!present || !(present.settings || present.rules || present.policies || present.surveys)) return;

  const now = context.clock.now();
  const settings = await loadAutomationSettings(tx.manager, accountIds);
  const states = await conversationStates(tx, [...new Set(messages.map((m) => m.conversationId))]);

  const answering = new Set<string>();
  if (present.surveys) {
    for (const m of messages) {
      const state = states.get(m.conversationId)!;
      const reply = { conversation: { id: m.conversationId, accountId: m.accountId, contactId: m.contactId }, answerId: answerIdOf(m.message), text: m.text };
      if (await recordSurveyReply(context, tx, reply, state.isNew)) answering.add(m.messageId);
    }
  }
  const talking = messages.filter((m) => !answering.has(m.messageId));
  if (talking.length === 0) return;
  const conversations = [...new Set(talking.map((m) => m.conversationId))].map((id) => states.get(id)!);

  if (present.policies) {
    await startSlaTimers(context, tx, conversations.map((c) => ({ id: c.id, accountId: c.accountId, labels: c.labels, answeredBefore: c.answeredBefore })), settings, now);
  }
  for (const conversation of conversations) {
    const own = settings.get(conversation.accountId);
    const lastText = talking.filter((m) => m.conversationId === conversation.id).at(-1)?.text ?? null;
    if (own) await greetOrExcuse(context, tx, conversation, own, lastText, now);
  }
  if (present.rules) await replyByRules(context, tx, talking, states, settings, now);
  const waiting = conversations.filter((c) => c.assigneeId === null && c.status === 'open' && (settings.get(c.accountId)?.assignmentMode ?? 'off') !== 'off');
  if (waiting.length > 0) await queueAssignment(context, waiting.map((c) => c.accountId), tx.jobDb);
}

function answerIdOf(message: InboundMessage): string | null {
  const raw = message as { interactive?: { list_reply?: { id?: string }; button_reply?: { id?: string } }; button?: { payload?: string } };
  return raw.interactive?.list_reply?.id ?? raw.interactive?.button_reply?.id ?? raw.button?.payload ?? null;
}

async function conversationStates(tx: Transaction, ids: string[]): Promise<Map<string, ConversationState>> {
  const rows = await queryRows<ConversationState>(
    tx.manager,
    prepared(`SELECT c.id, c.account_id AS "accountId", c.contact_id AS "contactId", c.status, c.assignee_id AS "assigneeId", c.labels,
            ct.language AS "contactLanguage",
            (c.created_at = now() OR EXISTS (SELECT 1 FROM whatsapp_conversation_events e
                                              WHERE e.conversation_id = c.id AND e.kind = 'reopened' AND e.created_at = now())) AS "isNew",
            (SELECT max(m.created_at) FROM whatsapp_messages m WHERE m.conversation_id = c.id AND m.automation = 'greeting') AS "lastGreetingAt",
            (SELECT max(m.created_at) FROM whatsapp_messages m WHERE m.conversation_id = c.id AND m.automation = 'away') AS "lastAwayAt",
            EXISTS (SELECT 1 FROM whatsapp_messages m WHERE m.conversation_id = c.id AND m.direction = 'outbound' AND m.automation IS NULL
                     AND whatsapp_message_talks(m.type, m.origin)) AS "answeredBefore"
       FROM whatsapp_conversations c
       JOIN whatsapp_contacts ct ON ct.id = c.contact_id
      WHERE c.id = ANY($1::uuid[])`),
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}

const HOUR_MS = 3600_000;

/** Outside business hours the away message, else a new conversation's greeting; each at most once per period. */
async function greetOrExcuse(
  context: PluginContext,
  tx: Transaction,
  conversation: ConversationState,
  settings: AutomationSettings,
  text: string | null,
  now: Date,
): Promise<void> {
  const open = isOpenAt(settings.businessHours, now);
  const [kind, texts, last] = open
    ? (['greeting', conversation.isNew ? settings.greeting : null, conversation.lastGreetingAt] as const)
    : (['away', settings.away, conversation.lastAwayAt] as const);
  if (!texts) return;
  if (last && now.getTime() - last.getTime() < settings.automaticMessageHours * HOUR_MS) return;
  const available = Object.keys(texts).filter((code) => texts[code]?.trim());
  const language = customerLanguage({ contactLanguage: conversation.contactLanguage, text, available, fallback: settings.defaultLanguage });
  const body = textInLanguage(texts, language, settings.defaultLanguage);
  if (!body) return;
  await sendAutomaticMessage(context, tx, {
    conversation,
    kind,
    content: { text: body },
    capPerHour: settings.automaticRepliesPerHour,
    now,
    details: { language },
  });
}

/** Each message against the rules of its number and of every number, in order; a matching rule that stops ends the run. */
async function replyByRules(
  context: PluginContext,
  tx: Transaction,
  messages: readonly StoredInboundMessage[],
  states: ReadonlyMap<string, ConversationState>,
  settings: ReadonlyMap<string, AutomationSettings>,
  now: Date,
): Promise<void> {
  const rules = await loadRules(tx.manager, [...new Set(messages.map((m) => m.accountId))]);
  for (const message of messages) {
    if (!message.text?.trim()) continue;
    const state = states.get(message.conversationId)!;
    const own = settings.get(message.accountId);
    const language = customerLanguage({ contactLanguage: state.contactLanguage, text: message.text, available: ruleLanguages(rules), fallback: own?.defaultLanguage ?? 'en' });
    for (const rule of rulesToApply(rules.filter((r) => r.accountId === null || r.accountId === message.accountId), message.text, language)) {
      await sendAutomaticMessage(context, tx, {
        conversation: state,
        kind: 'auto_reply',
        content: rule.templateId ? { templateId: rule.templateId } : { text: rule.replyText!.trim() },
        capPerHour: own?.automaticRepliesPerHour ?? 5,
        now,
        details: { ruleId: rule.id, ruleName: rule.name, language, inReplyTo: message.messageId },
      });
    }
  }
}

/** The enabled rules of these numbers and of every number, in order. */
export async function loadRules(db: Queryable, accountIds: readonly string[]): Promise<Rule[]> {
  return queryRows<Rule>(
    db,
    prepared(`SELECT id, name, keywords, pattern, language, reply_text AS "replyText", template_id AS "templateId", stop_after AS "stopAfter",
            account_id AS "accountId"
       FROM whatsapp_auto_reply_rules WHERE enabled AND (account_id IS NULL OR account_id = ANY($1::uuid[])) ORDER BY position, created_at`),
    [[...accountIds]],
  );
}
