import { useEffect, useState } from 'react';
import { attachmentKindOf, attachmentProblem, fileMediaType, type AttachmentKind, type AttachmentProblem } from '../../domain/media-rules.ts';
import type { UploadAnswer } from '../upload-route.js';
import { rootPath } from './admin-paths.ts';

/** A file the agent picked, dropped or pasted, checked against Meta's rules before anything is uploaded. */
export interface Attachment {
  file: File;
  kind: AttachmentKind;
  mimeType: string;
  /** An object URL for the preview (pictures, videos, sounds). */
  previewUrl: string | null;
  /** Why Meta would refuse it; null when it can go. */
  problem: AttachmentProblem | null;
}

/** The attachment being prepared; sending posts the file itself to the upload route, which sends it through the use case. */
export const useAttachment = () => {
  const [attachment, setAttachment] = useState<Attachment | null>(null);
  const [caption, setCaption] = useState('');
  useEffect(() => () => {
    if (attachment?.previewUrl) URL.revokeObjectURL(attachment.previewUrl);
  }, [attachment]);

  const attach = (file: File, asKind?: AttachmentKind) => {
    const mimeType = fileMediaType(file);
    const kind = asKind ?? attachmentKindOf(mimeType);
    const problem = attachmentProblem(kind, { mimeType, size: file.size });
    const previewUrl = !problem && kind !== 'document' ? URL.createObjectURL(file) : null;
    setAttachment({ file, kind, mimeType, previewUrl, problem });
  };
  const clear = () => {
    setAttachment(null);
    setCaption('');
  };

  const upload = async (conversationId: string, replyToMessageId: string | null): Promise<UploadAnswer> => {
    if (!attachment) throw new Error('nothing attached');
    const query = new URLSearchParams({ conversation: conversationId, kind: attachment.kind });
    if (caption.trim() && attachment.kind !== 'audio') query.set('caption', caption.trim());
    if (replyToMessageId) query.set('replyTo', replyToMessageId);
    const response = await fetch(`${rootPath()}/whatsapp/uploads?${query.toString()}`, {
      method: 'POST',
      body: attachment.file,
      headers: { 'content-type': attachment.mimeType, 'x-file-name': encodeURIComponent(attachment.file.name) },
      credentials: 'same-origin',
    });
    const answer = (await response.json().catch(() => null)) as UploadAnswer | null;
    return answer ?? { notice: { message: 'composer.attachment.failed', type: 'error' } };
  };

  return { attachment, caption, setCaption, attach, clear, upload };
};

export type AttachmentApi = ReturnType<typeof useAttachment>;
