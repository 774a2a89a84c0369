import { GraphApiError } from './graph-api-error.js';
import { graphJson, unexpectedAnswer, type GraphCall, type GraphTransportSettings } from './graph-transport.js';
import { outboundMessageProblems } from './message-limits.js';
import { markReadRequestBody, messageRequestBody } from './message-request-body.js';
import type { OutboundMessage } from './outbound-message.js';

export interface NumberCall extends GraphCall {
  phoneNumberId: string;
}

export interface SendCall extends NumberCall {
  /** Through Meta's Marketing Messages API (`/marketing_messages`, marketing templates only), with Meta's delivery optimisation. */
  marketingMessages?: boolean;
}

/** Meta accepted the message (not delivered yet: that comes as status webhooks). */
export interface SentMessage {
  /** The `wamid.…` every status webhook of this message will carry. */
  wamid: string;
  /** The recipient as WhatsApp knows them; may differ from `to` (Brazil's 9th digit…). */
  waId: string | null;
  /** `accepted`, or `held_for_quality_assessment` for some marketing templates. */
  messageStatus: string | null;
}

const SEND = 'POST /{phone-number-id}/messages';

export async function sendMessage(settings: GraphTransportSettings, call: SendCall, message: OutboundMessage): Promise<SentMessage> {
  const problems = outboundMessageProblems(message);
  if (problems.length > 0) {
    throw new GraphApiError({
      kind: 'invalid-request',
      outcome: 'not-sent',
      operation: SEND,
      summary: `the ${message.type} message breaks Meta's limits: ${problems.join('; ')}`,
      problems,
    });
  }
  const { marketingMessages, ...graphCall } = call;
  const answer = await graphJson(settings, {
    ...graphCall,
    method: 'POST',
    path: `/${encodeURIComponent(call.phoneNumberId)}/${marketingMessages ? 'marketing_messages' : 'messages'}`,
    operation: SEND,
    json: messageRequestBody(message),
  });
  const shaped = answer as { contacts?: { wa_id?: unknown }[]; messages?: { id?: unknown; message_status?: unknown }[] } | null;
  const sent = shaped?.messages?.[0];
  if (typeof sent?.id !== 'string' || sent.id === '') throw unexpectedAnswer(SEND, 'message id');
  const waId = shaped?.contacts?.[0]?.wa_id;
  return {
    wamid: sent.id,
    waId: typeof waId === 'string' ? waId : null,
    messageStatus: typeof sent.message_status === 'string' ? sent.message_status : null,
  };
}

export async function markAsRead(
  settings: GraphTransportSettings,
  call: NumberCall,
  messageId: string,
  options: { typingIndicator?: boolean } = {},
): Promise<void> {
  const operation = 'POST /{phone-number-id}/messages (read)';
  const answer = await graphJson(settings, {
    ...call,
    method: 'POST',
    path: `/${encodeURIComponent(call.phoneNumberId)}/messages`,
    operation,
    json: markReadRequestBody(messageId, options),
  });
  assertSuccess(answer, operation);
}

export function assertSuccess(answer: unknown, operation: string): void {
  if ((answer as { success?: unknown } | null)?.success !== true) throw unexpectedAnswer(operation, '"success": true');
}
