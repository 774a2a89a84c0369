import type { MediaSource } from '../cloud-api/index.js';
import { inTransactionOf } from '../db/transaction.js';
import type { TemplateParameterValue } from '../domain/template-parameters.js';
import type { WhatsAppMessage } from '../entities/whatsapp-message.entity.js';
import type { PluginContext } from '../context/plugin-context.js';
import type { UseCaseOptions } from '../delivery/use-case-options.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { conversationForTarget, type OutboundTarget } from './conversation-for-phone.js';
import { reply } from './reply.js';
import { sendInteractive, type InteractiveMessage } from './send-interactive.js';
import { sendMedia, type OutboundMediaKind } from './send-media.js';
import { sendTemplate } from './send-template.js';

/*
 * The sends of the inbox (reply, template, media, interactive) addressed to a conversation or to
 * a phone number: what `plugin.messages` and the REST API call. The checks are the inbox's own
 * (the actor's permissions, the 24-hour window, the number's state, Meta's limits); the message
 * is queued, and goes out through the same pipeline and rate limits. Unlike an agent's reply, such
 * a send leaves an unassigned conversation in the queue: the host's code is nobody to assign it to.
 */

export type SendText = { text: string; previewUrl?: boolean; replyToMessageId?: string | null };
export type SendTemplate = { templateId: string; values?: Readonly<Record<string, TemplateParameterValue>> };
export type SendMedia = { kind: OutboundMediaKind; media: MediaSource; caption?: string; filename?: string };
export type SendInteractive = { interactive: InteractiveMessage };

/** A queued message as hosts and the API see it. */
export interface QueuedMessage {
  id: string;
  conversationId: string;
  type: string;
  status: string;
  text: string | null;
  createdAt: string;
}

export function queuedMessageOf(message: WhatsAppMessage): QueuedMessage {
  return {
    id: message.id,
    conversationId: message.conversationId,
    type: message.type,
    status: message.status,
    text: message.body,
    createdAt: new Date(message.createdAt).toISOString(),
  };
}

type Send<T> = (context: PluginContext, target: OutboundTarget, input: T, actor: InboxActor | null, options?: UseCaseOptions) => Promise<WhatsAppMessage>;

function toTarget<T>(send: (context: PluginContext, conversationId: string, input: T, actor: InboxActor | null, options: UseCaseOptions) => Promise<WhatsAppMessage>): Send<T> {
  return (context, target, input, actor, options = {}) =>
    inTransactionOf(context.dataSource, options.tx, async (tx) => {
      const conversationId = await conversationForTarget(context, tx, target, actor);
      return send(context, conversationId, input, actor, { ...options, tx, leaveAssignment: true });
    });
}

export const sendTextTo = toTarget<SendText>((context, conversationId, input, actor, options) =>
  reply(context, { conversationId, text: input.text, previewUrl: input.previewUrl, replyToMessageId: input.replyToMessageId, actor }, options),
);

export const sendTemplateTo = toTarget<SendTemplate>((context, conversationId, input, actor, options) =>
  sendTemplate(context, { conversationId, templateId: input.templateId, values: input.values ?? {}, actor }, options),
);

export const sendMediaTo = toTarget<SendMedia>((context, conversationId, input, actor, options) =>
  sendMedia(context, { conversationId, kind: input.kind, media: input.media, caption: input.caption, filename: input.filename, actor }, options),
);

export const sendInteractiveTo = toTarget<SendInteractive>((context, conversationId, input, actor, options) =>
  sendInteractive(context, { conversationId, interactive: input.interactive, actor }, options),
);
