/**
 * Meta's supported media types and size caps (reference §6), declared once: the composer checks
 * a file against them before it is uploaded, the upload use case checks again on the server, the
 * download job caps what it fetches, and the sandbox refuses what Meta would. Meta writes "MB" and
 * "KB"; the binary units are the lenient reading, so a file Meta accepts is never refused here.
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

/** What an agent can attach to a message. */
export const ATTACHMENT_KINDS = ['image', 'video', 'audio', 'document'] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

/** The types Meta accepts for each kind of media message. */
export const MEDIA_TYPES = {
  image: ['image/jpeg', 'image/png'],
  video: ['video/mp4', 'video/3gpp'],
  audio: ['audio/aac', 'audio/amr', 'audio/mpeg', 'audio/mp4', 'audio/ogg'],
  document: [
    'text/plain',
    'application/pdf',
    'application/msword',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.ms-excel',
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    'application/vnd.ms-powerpoint',
    'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  ],
  sticker: ['image/webp'],
} as const satisfies Record<AttachmentKind | 'sticker', readonly string[]>;

/** Every type Meta accepts an upload of, with its cap. */
export const UPLOADABLE_TYPES: ReadonlyMap<string, number> = new Map([
  ...MEDIA_TYPES.image.map((type) => [type, MEDIA_SIZE_LIMITS.image] as const),
  ...MEDIA_TYPES.video.map((type) => [type, MEDIA_SIZE_LIMITS.video] as const),
  ...MEDIA_TYPES.audio.map((type) => [type, MEDIA_SIZE_LIMITS.audio] as const),
  ...MEDIA_TYPES.document.map((type) => [type, MEDIA_SIZE_LIMITS.document] as const),
  ...MEDIA_TYPES.sticker.map((type) => [type, MEDIA_SIZE_LIMITS.stickerAnimated] as const),
]);

// What browsers and operating systems call some of these types.
const ALIASES: Readonly<Record<string, string>> = {
  'image/jpg': 'image/jpeg',
  'image/pjpeg': 'image/jpeg',
  'audio/mp3': 'audio/mpeg',
  'audio/x-m4a': 'audio/mp4',
  'audio/m4a': 'audio/mp4',
  'audio/x-aac': 'audio/aac',
  'audio/opus': 'audio/ogg',
  'video/3gp': 'video/3gpp',
};

/** A type without its parameters, lower-cased, under the name Meta knows it by. */
export function mediaTypeEssence(mimeType: string | null | undefined): string {
  const essence = (mimeType ?? '').split(';')[0]!.trim().toLowerCase();
  return ALIASES[essence] ?? essence;
}

// A browser leaves a file's type empty when its system does not know the extension.
const TYPES_BY_EXTENSION: Readonly<Record<string, string>> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', mp4: 'video/mp4', '3gp': 'video/3gpp',
  aac: 'audio/aac', amr: 'audio/amr', mp3: 'audio/mpeg', m4a: 'audio/mp4', ogg: 'audio/ogg', opus: 'audio/ogg',
  txt: 'text/plain', pdf: 'application/pdf', doc: 'application/msword', xls: 'application/vnd.ms-excel', ppt: 'application/vnd.ms-powerpoint',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
};

/** A file's type as Meta knows it: the one the browser gave, else the one its extension says. */
export function fileMediaType(file: { type: string; name: string }): string {
  if (file.type) return mediaTypeEssence(file.type);
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  return TYPES_BY_EXTENSION[extension] ?? 'application/octet-stream';
}

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

/** The kind a dropped or pasted file is sent as: pictures, videos and sounds as themselves, anything else as a document. */
export function attachmentKindOf(mimeType: string): AttachmentKind {
  const essence = mediaTypeEssence(mimeType);
  for (const kind of ['image', 'video', 'audio'] as const) if ((MEDIA_TYPES[kind] as readonly string[]).includes(essence)) return kind;
  return 'document';
}

export type AttachmentProblem =
  | { code: 'unsupported-type'; kind: AttachmentKind; mimeType: string }
  | { code: 'too-large'; kind: AttachmentKind; maxBytes: number; size: number }
  | { code: 'empty' };

/** Why Meta would refuse this file as a message of `kind`, or null. */
export function attachmentProblem(kind: AttachmentKind, file: { mimeType: string; size: number }): AttachmentProblem | null {
  const essence = mediaTypeEssence(file.mimeType);
  if (!(MEDIA_TYPES[kind] as readonly string[]).includes(essence)) return { code: 'unsupported-type', kind, mimeType: essence || file.mimeType };
  if (file.size <= 0) return { code: 'empty' };
  const maxBytes = MEDIA_SIZE_LIMITS[kind];
  return file.size > maxBytes ? { code: 'too-large', kind, maxBytes, size: file.size } : null;
}
