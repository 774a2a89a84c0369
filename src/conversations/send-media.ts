import type { MediaSource, MessageContent } from '../cloud-api/index.js';
import { inTransactionOf } from '../db/transaction.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { lockAuthorized } from './conversation-access.js';
import { recordAudit } from './conversation-change.js';
import type { WhatsAppMessage } from '../entities/whatsapp-message.entity.js';
import type { PluginContext } from '../context/plugin-context.js';
import { queueOutboundMessage } from '../delivery/queue-outbound-message.js';
import { freeFormTarget } from './reply.js';
import { currentTime, type UseCaseOptions } from '../delivery/use-case-options.js';

export type OutboundMediaKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

export interface SendMediaInput {
  conversationId: string;
  kind: OutboundMediaKind;
  /** An id from `GraphApiClient.uploadMedia` (kept 30 days by Meta), or a public https link. */
  media: MediaSource;
  /** Image, video and document only. */
  caption?: string;
  /** Document only: the name the customer sees. */
  filename?: string;
  /** The agent sending it, who needs `inbox.reply` on the number and to see the conversation; null for automations. */
  actor: InboxActor | null;
}

/** Queues an image, video, audio, document or sticker; like any free-form message, only inside the 24-hour window, and with the same checks as a reply. */
export async function sendMedia(context: PluginContext, input: SendMediaInput, options: UseCaseOptions = {}): Promise<WhatsAppMessage> {
  return inTransactionOf(context.dataSource, options.tx, async (tx) => {
    if (input.actor) await lockAuthorized(tx.manager, { conversationId: input.conversationId, actor: input.actor, permission: 'inbox.reply' });
    const target = await freeFormTarget(tx, input.conversationId, (options.now ?? currentTime)());
    const message = await queueOutboundMessage(context, tx, {
      target,
      content: mediaContent(input),
      body: input.caption ?? null,
      actorId: input.actor?.id ?? null,
      mediaId: input.media.id ?? null,
    });
    if (input.actor) await recordAudit(tx.manager, target.conversationId, input.actor.id, { kind: 'replied', details: { messageId: message.id } });
    return message;
  });
}

function mediaContent(input: SendMediaInput): MessageContent {
  const media = { ...input.media };
  const caption = input.caption ? { caption: input.caption } : {};
  switch (input.kind) {
    case 'image':
      return { type: 'image', image: { ...media, ...caption } };
    case 'video':
      return { type: 'video', video: { ...media, ...caption } };
    case 'document':
      return { type: 'document', document: { ...media, ...caption, ...(input.filename ? { filename: input.filename } : {}) } };
    case 'audio':
      return { type: 'audio', audio: media };
    case 'sticker':
      return { type: 'sticker', sticker: media };
  }
}
