import type { EntityManager } from 'typeorm';
import type { PluginContext } from '../context/plugin-context.js';
import { queryOne, queryRows } from '../db/sql.js';
import type { Transaction } from '../db/transaction.js';
import { customerLanguage } from '../domain/customer-language.js';
import { LANGUAGES } from '../i18n/catalogue.js';
import { negotiateLanguage } from '../i18n/negotiate-language.js';
import { serverTranslator } from '../i18n/server-translator.js';
import { recordAutomationEvent } from './automation-audit.js';
import { emitConversationEvents } from '../events/emit-event.js';
import { loadAutomationSettings } from './automation-settings.js';
import { sendAutomaticMessage } from './send-automatic-message.js';

/** How long after a rating the customer's next text counts as their comment. */
export const COMMENT_MINUTES = 15;

const RATINGS = [1, 2, 3, 4, 5] as const;
const ANSWER = /^csat:([0-9a-f-]{36}):([1-5])$/;

/** `csat:<survey id>:<rating>`: what a survey's list rows and quick-reply buttons carry back. */
export function surveyAnswerId(surveyId: string, rating: number): string {
  return `csat:${surveyId}:${rating}`;
}

export function parseSurveyAnswer(id: string | null | undefined): { surveyId: string; rating: number } | null {
  const match = id ? ANSWER.exec(id) : null;
  return match ? { surveyId: match[1]!, rating: Number(match[2]) } : null;
}

/**
 * On resolve, in the resolving transaction: asks the customer to rate the conversation, 1 to 5
 * — an interactive list inside the 24-hour window (reply buttons stop at three), the number's
 * approved survey template outside it (its quick replies carry the ratings), nothing when
 * neither may go. The survey is kept per conversation and assignee.
 */
export async function requestSatisfaction(
  context: PluginContext,
  tx: Transaction,
  conversation: { id: string; accountId: string; assigneeId: string | null },
): Promise<string | null> {
  const settings = (await loadAutomationSettings(tx.manager, [conversation.accountId])).get(conversation.accountId);
  if (!settings?.surveyEnabled) return null;
  const now = context.clock.now();
  const state = await queryOne<{ language: string | null; windowOpen: boolean }>(
    tx.manager,
    `SELECT ct.language, c.last_inbound_at > $2::timestamptz - interval '24 hours' AS "windowOpen"
       FROM whatsapp_conversations c JOIN whatsapp_contacts ct ON ct.id = c.contact_id WHERE c.id = $1`,
    [conversation.id, now],
  );
  if (!state) return null;
  const language = negotiateLanguage(customerLanguage({ contactLanguage: state.language, text: null, available: LANGUAGES, fallback: settings.defaultLanguage }), undefined);
  const t = serverTranslator(language);
  const channel = state.windowOpen ? 'interactive' : 'template';
  if (channel === 'template' && !settings.surveyTemplateId) return null;
  const [survey] = await queryRows<{ id: string }>(
    tx.manager,
    `INSERT INTO whatsapp_satisfaction_surveys (conversation_id, agent_id, channel) VALUES ($1, $2, $3) RETURNING id`,
    [conversation.id, conversation.assigneeId, channel],
  );
  const question = t('automationMessages.survey.question');
  const messageId = await sendAutomaticMessage(context, tx, {
    conversation,
    kind: 'survey',
    now,
    capPerHour: settings.automaticRepliesPerHour + 1,
    details: { surveyId: survey!.id, language },
    content:
      channel === 'interactive'
        ? {
            body: question,
            interactive: {
              type: 'list',
              body: { text: question },
              action: {
                button: t('automationMessages.survey.button'),
                sections: [{ rows: RATINGS.map((rating) => ({ id: surveyAnswerId(survey!.id, rating), title: t(`automationMessages.survey.rating${rating}`) })) }],
              },
            },
          }
        : {
            templateId: settings.surveyTemplateId!,
            values: Object.fromEntries(RATINGS.map((rating, index) => [`button:${index}:payload`, { kind: 'payload', payload: surveyAnswerId(survey!.id, rating) }])),
          },
  });
  if (!messageId) {
    await queryRows(tx.manager, `DELETE FROM whatsapp_satisfaction_surveys WHERE id = $1`, [survey!.id]);
    return null;
  }
  await queryRows(tx.manager, `UPDATE whatsapp_satisfaction_surveys SET message_id = $2 WHERE id = $1`, [survey!.id, messageId]);
  await recordAutomationEvent(tx.manager, conversation, 'satisfaction_requested', { surveyId: survey!.id, channel, messageId });
  return survey!.id;
}

/** A customer's message that answers a survey: a rating (list row, quick reply) or the comment after it. */
export interface SurveyReply {
  conversation: { id: string; accountId: string; contactId: string };
  /** The list row's or button's id, or a template quick reply's payload. */
  answerId: string | null;
  text: string | null;
}

/**
 * Records a rating or a comment, if the message is one; true when it was (the caller then runs no
 * other automation for it). A rating is thanked, with an invitation to comment within
 * COMMENT_MINUTES; the conversation the answer reopened (or opened) is resolved again, for a
 * rating is not a new request.
 */
export async function recordSurveyReply(context: PluginContext, tx: Transaction, reply: SurveyReply, reopened: boolean): Promise<boolean> {
  const { manager } = tx;
  const now = context.clock.now();
  const answer = parseSurveyAnswer(reply.answerId);
  const survey = answer
    ? await queryOne<{ id: string; conversationId: string; askedAt: Date }>(
        manager,
        `SELECT s.id, s.conversation_id AS "conversationId", s.asked_at AS "askedAt" FROM whatsapp_satisfaction_surveys s
           JOIN whatsapp_conversations c ON c.id = s.conversation_id
          WHERE s.id = $1 AND c.contact_id = $2`,
        [answer.surveyId, reply.conversation.contactId],
      )
    : await queryOne<{ id: string; conversationId: string; askedAt: Date }>(
        manager,
        `SELECT s.id, s.conversation_id AS "conversationId", s.asked_at AS "askedAt" FROM whatsapp_satisfaction_surveys s
           JOIN whatsapp_conversations c ON c.id = s.conversation_id
          WHERE c.contact_id = $1 AND s.comment_until > $2 AND s.comment IS NULL
          ORDER BY s.asked_at DESC LIMIT 1`,
        [reply.conversation.contactId, now],
      );
  if (!survey || (!answer && !reply.text?.trim())) return false;
  if (answer) {
    await queryRows(
      manager,
      `UPDATE whatsapp_satisfaction_surveys SET rating = $2, answered_at = $3, comment_until = $3::timestamptz + make_interval(mins => $4) WHERE id = $1`,
      [survey.id, answer.rating, now, COMMENT_MINUTES],
    );
  } else {
    await queryRows(manager, `UPDATE whatsapp_satisfaction_surveys SET comment = $2, comment_until = NULL WHERE id = $1`, [survey.id, reply.text!.trim().slice(0, 4000)]);
  }
  await recordAutomationEvent(manager, reply.conversation, 'satisfaction_answered', answer ? { surveyId: survey.id, rating: answer.rating } : { surveyId: survey.id, comment: true });
  if (reopened) await resolveAgain(manager, reply.conversation.id, survey.conversationId === reply.conversation.id ? survey.askedAt : now);
  if (answer) {
    const settings = (await loadAutomationSettings(manager, [reply.conversation.accountId])).get(reply.conversation.accountId);
    const contact = await queryOne<{ language: string | null }>(manager, `SELECT language FROM whatsapp_contacts WHERE id = $1`, [reply.conversation.contactId]);
    const language = negotiateLanguage(customerLanguage({ contactLanguage: contact?.language ?? null, text: null, available: LANGUAGES, fallback: settings?.defaultLanguage ?? 'en' }), undefined);
    await sendAutomaticMessage(context, tx, {
      conversation: reply.conversation,
      kind: 'survey',
      now,
      capPerHour: (settings?.automaticRepliesPerHour ?? 5) + 1,
      content: { text: serverTranslator(language)('automationMessages.survey.thanks', { minutes: COMMENT_MINUTES }) },
    });
  }
  return true;
}

/**
 * Back to resolved, at the time it was resolved when it is the surveyed conversation (the
 * reopening undone); hosts, told of the reopening in this transaction, are told of this too.
 */
async function resolveAgain(manager: EntityManager, conversationId: string, resolvedAt: Date): Promise<void> {
  const resolved = await queryRows<{ id: string }>(
    manager,
    `UPDATE whatsapp_conversations SET status = 'resolved', resolved_at = $2, unread_count = 0, updated_at = now() WHERE id = $1 AND status <> 'resolved' RETURNING id`,
    [conversationId, resolvedAt],
  );
  await emitConversationEvents(manager, 'conversation.resolved', resolved.map((row) => row.id), { automatic: true, reason: 'satisfaction-answer', actorId: null });
}

