import type { OutboundMessage } from './outbound-message.js';

/**
 * The JSON body of `POST /{phone-number-id}/messages` for a message, in the order Meta's
 * examples use. Only the object named by `type` is sent: a stray field of another type would
 * be rejected by Meta.
 */
export function messageRequestBody(message: OutboundMessage): Record<string, unknown> {
  const body: Record<string, unknown> = {
    messaging_product: 'whatsapp',
    recipient_type: 'individual',
    ...(message.recipient !== undefined ? { recipient: message.recipient } : { to: message.to }),
  };
  if (message.context) body.context = { message_id: message.context.message_id };
  body.type = message.type;
  body[message.type] = (message as unknown as Record<string, unknown>)[message.type];
  if (message.biz_opaque_callback_data !== undefined) body.biz_opaque_callback_data = message.biz_opaque_callback_data;
  return body;
}

/**
 * Marks an inbound message (and every earlier one in the chat) as read: blue ticks for the
 * customer. With `typingIndicator` the customer also sees "typing…" until the reply is sent
 * or 25 seconds pass.
 */
export function markReadRequestBody(messageId: string, options: { typingIndicator?: boolean } = {}): Record<string, unknown> {
  return {
    messaging_product: 'whatsapp',
    status: 'read',
    message_id: messageId,
    ...(options.typingIndicator ? { typing_indicator: { type: 'text' } } : {}),
  };
}
