// A Map, not an object literal: a MIME type from outside must not reach `__proto__`.
const EXTENSION_BY_MIME = new Map<string, string>(Object.entries({
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'video/mp4': 'mp4',
  'video/3gpp': '3gp',
  'audio/aac': 'aac',
  'audio/amr': 'amr',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
  'audio/ogg': 'ogg',
  'application/pdf': 'pdf',
  'text/plain': 'txt',
  'application/msword': 'doc',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
}));

const MAX_STEM_LENGTH = 80;

export interface MediaKeyInput {
  messageId: string;
  /** The day the file belongs to: the message's, so a retry on another day writes the same key. */
  date: Date;
  /** The customer's file name (documents); only a sanitised form of it reaches the key. */
  fileName: string | null;
  mimeType: string | null;
  /** Stands in for the name when there is no usable file name (images, voice notes…). */
  fallbackName: string;
}

/**
 * `YYYY-MM-DD/<message-id>-<safe-name>.<ext>`. The file name comes from the customer, so it
 * is reduced to ASCII letters, digits, `-`, `_` and inner dots: no separators, no `..`, no
 * leading dot. The original name stays on the message (`media_file_name`) for display.
 */
export function mediaStorageKey(input: MediaKeyInput): string {
  const day = input.date.toISOString().slice(0, 10);
  const { stem, extension: nameExtension } = splitFileName(input.fileName ?? '');
  const safeStem = safeSegment(stem) || safeSegment(input.fallbackName) || 'media';
  const extension = extensionForMime(input.mimeType) ?? safeExtension(nameExtension) ?? 'bin';
  return `${day}/${safeSegment(input.messageId)}-${safeStem}.${extension}`;
}

export function extensionForMime(mimeType: string | null): string | null {
  if (!mimeType) return null;
  const essence = mimeType.split(';')[0]!.trim().toLowerCase();
  return EXTENSION_BY_MIME.get(essence) ?? null;
}

function splitFileName(fileName: string): { stem: string; extension: string } {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const dot = base.lastIndexOf('.');
  return dot > 0 ? { stem: base.slice(0, dot), extension: base.slice(dot + 1) } : { stem: base, extension: '' };
}

function safeSegment(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/\.{2,}/g, '.')
    .replace(/-{2,}/g, '-')
    .replace(/^[.\-_]+|[.\-_]+$/g, '')
    .slice(0, MAX_STEM_LENGTH)
    .replace(/[.\-_]+$/, '');
}

function safeExtension(extension: string): string | null {
  const lower = extension.toLowerCase();
  return /^[a-z0-9]{1,10}$/.test(lower) ? lower : null;
}
