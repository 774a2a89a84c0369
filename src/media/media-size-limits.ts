/**
 * Meta's size caps per media type (reference §6). Meta writes "MB" and "KB"; the binary
 * units are the lenient reading, so a file Meta accepted is never refused here.
 */
const KIB = 1024;
const MIB = 1024 * KIB;

export const MEDIA_SIZE_LIMITS = {
  image: 5 * MIB,
  video: 16 * MIB,
  audio: 16 * MIB,
  document: 100 * MIB,
  stickerStatic: 100 * KIB,
  stickerAnimated: 500 * KIB,
} as const;

/** The largest file accepted for a message of this type; unknown types get the document cap, Meta's largest. */
export function maxMediaBytes(messageType: string, options: { animated?: boolean } = {}): number {
  switch (messageType) {
    case 'image':
      return MEDIA_SIZE_LIMITS.image;
    case 'video':
      return MEDIA_SIZE_LIMITS.video;
    case 'audio':
      return MEDIA_SIZE_LIMITS.audio;
    case 'sticker':
      return options.animated ? MEDIA_SIZE_LIMITS.stickerAnimated : MEDIA_SIZE_LIMITS.stickerStatic;
    default:
      return MEDIA_SIZE_LIMITS.document;
  }
}
