import { GraphApiError, type MediaSource, type MessageContent } from '../cloud-api/index.js';
import { inTransactionOf, type Transaction } from '../db/transaction.js';
import { queryOne } from '../db/sql.js';
import { attachmentProblem, mediaTypeEssence, type AttachmentKind } from '../domain/media-rules.js';
import type { WhatsAppMessage } from '../entities/whatsapp-message.entity.js';
import type { PluginContext } from '../context/plugin-context.js';
import { OutboundRefusal } from '../delivery/outbound-refusal.js';
import { queueOutboundMessage } from '../delivery/queue-outbound-message.js';
import { currentTime, type UseCaseOptions } from '../delivery/use-case-options.js';
import { LocalMediaStorage } from '../media/local-media-storage.js';
import { mediaStorageKey } from '../media/media-storage-key.js';
import type { InboxActor } from '../permissions/permission-snapshot.js';
import { recordMediaError, recordStoredMedia } from '../statuses/record-stored-media.js';
import { recordAudit } from './conversation-change.js';
import { prepareFreeFormSend } from './free-form-send.js';

export type OutboundMediaKind = AttachmentKind | 'sticker';

/** A file to send: checked against Meta's types and caps, uploaded through the Graph media endpoint, sent by id. */
export interface AttachedFile {
  data: Buffer;
  mimeType: string;
  fileName?: string | null;
}

export interface SendMediaInput {
  conversationId: string;
  kind: OutboundMediaKind;
  /** An id from `GraphApiClient.uploadMedia` (kept 30 days by Meta), or a public https link… */
  media?: MediaSource;
  /** …or the file itself (image, video, audio, document). */
  file?: AttachedFile;
  /** Image, video and document only. */
  caption?: string;
  /** Document only: the name the customer sees (default: the file's). */
  filename?: string;
  /** The agent sending it, who needs `inbox.reply` on the number and to see the conversation; null for automations. */
  actor: InboxActor | null;
  replyToMessageId?: string | null;
}

/**
 * Queues an image, video, audio, document or sticker; like any free-form message, only inside the
 * 24-hour window, by an agent who may answer the conversation. A file is checked before anything
 * leaves (type and size, as Meta would), uploaded to Meta with the number's token once the send is
 * known to be allowed, sent by the id Meta gives, and kept in the media storage so the thread
 * plays it like a received one.
 */
export async function sendMedia(context: PluginContext, input: SendMediaInput, options: UseCaseOptions = {}): Promise<WhatsAppMessage> {
  const now = () => (options.now ?? currentTime)();
  const file = input.file ? checkedFile(input.kind, input.file) : null;
  const media = file ? await upload(context, input, file, now(), options.tx) : input.media;
  if (!media) throw OutboundRefusal.of('attachment-empty');
  const message = await inTransactionOf(context.dataSource, options.tx, async (tx) => {
    const { target, replyToWamid } = await prepareFreeFormSend(tx, { ...input, now: now(), assignReplier: !options.leaveAssignment });
    const queued = await queueOutboundMessage(context, tx, {
      target,
      content: mediaContent(input, media, file),
      body: input.caption || null,
      actorId: input.actor?.id ?? null,
      replyToWamid,
      mediaId: media.id ?? null,
      mediaFile: file ? { mimeType: file.mimeType, fileName: file.fileName ?? null, size: file.data.length } : null,
    });
    if (input.actor) await recordAudit(tx.manager, target.conversationId, input.actor.id, { kind: 'replied', details: { messageId: queued.id } });
    return queued;
  });
  if (file) await keepSentFile(context, message, input.kind, file, options.tx);
  return message;
}

function checkedFile(kind: OutboundMediaKind, file: AttachedFile): AttachedFile {
  if (kind === 'sticker') throw OutboundRefusal.of('attachment-unsupported-type', { type: file.mimeType });
  const problem = attachmentProblem(kind, { mimeType: file.mimeType, size: file.data.length });
  if (problem?.code === 'unsupported-type') throw OutboundRefusal.of('attachment-unsupported-type', { type: problem.mimeType });
  if (problem?.code === 'too-large') throw OutboundRefusal.of('attachment-too-large', { maxMegabytes: Math.floor(problem.maxBytes / (1024 * 1024)) });
  if (problem?.code === 'empty') throw OutboundRefusal.of('attachment-empty');
  return { ...file, mimeType: mediaTypeEssence(file.mimeType) };
}

/**
 * Uploads once the send is known to be allowed (the same checks, in a transaction that writes
 * nothing), so a refused send never leaves a file at Meta.
 */
async function upload(context: PluginContext, input: SendMediaInput, file: AttachedFile, now: Date, outer: Transaction | undefined): Promise<MediaSource> {
  const number = await inTransactionOf(context.dataSource, outer, async (tx) => {
    const { target } = await prepareFreeFormSend(tx, { ...input, now, assignReplier: false });
    const row = await queryOne<{ phone_number_id: string }>(tx.manager, `SELECT phone_number_id FROM whatsapp_accounts WHERE id = $1`, [target.accountId]);
    return { accountId: target.accountId, phoneNumberId: row!.phone_number_id };
  });
  const accessToken = await context.accounts.accessToken(number.accountId);
  if (!accessToken) throw OutboundRefusal.of('no-access-token');
  try {
    const { id } = await context.graph.uploadMedia({ accessToken, phoneNumberId: number.phoneNumberId }, {
      data: file.data,
      mimeType: file.mimeType,
      filename: file.fileName ?? undefined,
    });
    return { id };
  } catch (error) {
    if (!(error instanceof GraphApiError)) throw error;
    context.logger.warn('media upload refused', { conversationId: input.conversationId, error: error.message });
    throw OutboundRefusal.of('media-upload-failed', { reason: error.details ?? error.title ?? error.message });
  }
}

/**
 * The sent file goes to the media storage, as a downloaded one would; a failure only costs the
 * thread its preview. In a caller's transaction the message is not committed yet: recorded there.
 */
async function keepSentFile(context: PluginContext, message: WhatsAppMessage, kind: OutboundMediaKind, file: AttachedFile, outer: Transaction | undefined): Promise<void> {
  const db = outer?.manager ?? context.dataSource;
  const key = mediaStorageKey({ messageId: message.id, date: message.createdAt, fileName: file.fileName ?? null, mimeType: file.mimeType, fallbackName: kind });
  try {
    const stored = await new LocalMediaStorage(context.options.mediaDir).put(key, file.data, { contentType: file.mimeType });
    await recordStoredMedia(db, message.id, stored, file.mimeType);
  } catch (error) {
    context.logger.warn('a sent file could not be kept in the media storage', { messageId: message.id, error: String(error) });
    await recordMediaError(db, message.id, 'storage', String(error)).catch(() => undefined);
  }
}

function mediaContent(input: SendMediaInput, media: MediaSource, file: AttachedFile | null): MessageContent {
  const caption = input.caption ? { caption: input.caption } : {};
  const filename = input.filename ?? file?.fileName;
  switch (input.kind) {
    case 'image':
      return { type: 'image', image: { ...media, ...caption } };
    case 'video':
      return { type: 'video', video: { ...media, ...caption } };
    case 'document':
      return { type: 'document', document: { ...media, ...caption, ...(filename ? { filename } : {}) } };
    case 'audio':
      return { type: 'audio', audio: media };
    case 'sticker':
      return { type: 'sticker', sticker: media };
  }
}
