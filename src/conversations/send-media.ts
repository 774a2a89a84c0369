import type { MediaSource, MessageContent } from '../cloud-api/index.js';
import { inTransaction } from '../db/transaction.js';
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
  actorId: string | null;
}

/** Queues an image, video, audio, document or sticker; like any free-form message, only inside the 24-hour window. */
export async function sendMedia(context: PluginContext, input: SendMediaInput, options: UseCaseOptions = {}): Promise<WhatsAppMessage> {
  return inTransaction(context.dataSource, async (tx) => {
    const target = await freeFormTarget(tx, input.conversationId, (options.now ?? currentTime)());
    return queueOutboundMessage(context, tx, {
      target,
      content: mediaContent(input),
      body: input.caption ?? null,
      actorId: input.actorId,
      mediaId: input.media.id ?? null,
    });
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
