import { useRef, useState, type RefObject } from 'react';
import { useNotice, type RecordJSON } from 'adminjs';
import type { CannedReplyChoice } from '../../conversations/read/canned-replies.js';
import type { Mentionable } from '../../conversations/read/mentionable-agents.js';
import type { ConversationPanel } from '../../conversations/read/conversation-panel.js';
import { RESOURCE_IDS } from '../resource-ids.ts';
import type { ComposerPostAnswer } from '../resources/composer-actions.js';
import type { ConversationSendAnswer } from '../resources/conversation-actions.js';
import { formData, recordAction } from './action-client.ts';
import type { ComposerData } from './use-composer-data.ts';
import type { useDraft } from './use-draft.ts';
import { useAttachment } from './use-attachment.ts';
import { useInteractiveDraft } from './use-interactive-draft.ts';
import type { PendingCallbacks, PendingDraft } from './use-pending-messages.ts';
import { tokenAt, useSuggestions, type TypedToken } from './use-suggestions.ts';

export type ComposerPanel = 'emoji' | 'attach' | 'interactive' | 'schedule' | 'snooze' | null;

const resourceId = RESOURCE_IDS.conversations;
const MAX_SUGGESTIONS = 8;

/** Replies in the conversation's language first (its last template's), then the agent's, then the rest. */
const byLanguage = (replies: CannedReplyChoice[], preferred: (string | null | undefined)[]) => {
  const rank = (reply: CannedReplyChoice) => {
    const at = preferred.indexOf(reply.language);
    return at === -1 ? (reply.language === null ? preferred.length : preferred.length + 1) : at;
  };
  return [...replies].sort((a, b) => rank(a) - rank(b));
};

interface ComposerInput extends PendingCallbacks {
  record: RecordJSON;
  panel: ConversationPanel | null;
  data: ComposerData & { reload: () => Promise<void> };
  drafts: ReturnType<typeof useDraft>;
  language: string | undefined;
}

/**
 * Everything the reply box does: the draft (kept across reloads), attachments, emoji, interactive
 * messages, canned replies on `/`, @mentions in notes, scheduling and snoozing. Each send is the
 * POST of its action (or the upload route), which runs its use case; a refusal keeps what was
 * typed and says why.
 */
export const useComposer = ({ record, panel, data, drafts, language, ...callbacks }: ComposerInput) => {
  const addNotice = useNotice();
  const { draft, update, clear } = drafts;
  const attachment = useAttachment();
  const interactive = useInteractiveDraft();
  const [open, setOpen] = useState<ComposerPanel>(null);
  const [busy, setBusy] = useState(false);
  const [caret, setCaret] = useState(0);
  const [missing, setMissing] = useState<string[]>([]);
  const mentioned = useRef(new Map<string, string>());
  const input: RefObject<HTMLTextAreaElement> = useRef<HTMLTextAreaElement>(null);
  const conversationId = record.id;

  const token: TypedToken | null = tokenAt(draft.text, caret, draft.mode === 'note' ? '@' : '/');
  const query = token?.query.toLowerCase() ?? '';
  const canned =
    token?.trigger === '/'
      ? byLanguage(
          data.cannedReplies.filter((reply) => reply.shortcut.startsWith(query) || reply.title.toLowerCase().includes(query)),
          [panel?.templateLanguage, language],
        ).slice(0, MAX_SUGGESTIONS)
      : [];
  const people = token?.trigger === '@' ? data.mentionables.filter((agent) => agent.name.toLowerCase().includes(query)).slice(0, MAX_SUGGESTIONS) : [];
  const cannedList = useSuggestions(canned);
  const peopleList = useSuggestions(people);

  const replaceToken = (replacement: string) => {
    if (!token) return;
    const text = `${draft.text.slice(0, token.start)}${replacement}${draft.text.slice(token.end)}`;
    const at = token.start + replacement.length;
    update({ text });
    setCaret(at);
    requestAnimationFrame(() => input.current?.setSelectionRange(at, at));
  };
  const takeCanned = (reply: CannedReplyChoice) => {
    replaceToken(reply.text);
    setMissing(reply.missing);
    cannedList.reset();
  };
  const takePerson = (agent: Mentionable) => {
    mentioned.current.set(agent.name, agent.id);
    replaceToken(`@${agent.name} `);
    peopleList.reset();
  };

  const post = async (actionName: string, values: Record<string, string | null>): Promise<boolean> => {
    const answer = await recordAction<ComposerPostAnswer>({ resourceId, recordId: conversationId, actionName, method: 'post', data: formData(values) });
    if (answer.notice?.type === 'error') {
      addNotice({ ...answer.notice, resourceId });
      return false;
    }
    return true;
  };

  /** Shows the message at once as queued, sends it, and tells the timeline how it went. */
  const sending = async (pending: PendingDraft, run: () => Promise<boolean>): Promise<boolean> => {
    setBusy(true);
    const pendingId = callbacks.onSending(pending);
    try {
      const ok = await run();
      if (ok) callbacks.onQueued(pendingId);
      else callbacks.onRefused(pendingId);
      return ok;
    } catch (error) {
      callbacks.onRefused(pendingId);
      throw error;
    } finally {
      setBusy(false);
      input.current?.focus();
    }
  };

  const done = () => {
    clear();
    setMissing([]);
    mentioned.current.clear();
  };

  const sendText = async () => {
    const text = draft.text.trim();
    if (!text || busy) return;
    const ok = await sending({ type: 'text', body: text, content: { kind: 'text' } }, async () => {
      const answer = await recordAction<ConversationSendAnswer>({
        resourceId,
        recordId: conversationId,
        actionName: 'reply',
        method: 'post',
        data: formData({ text, replyToMessageId: draft.replyTo?.id ?? null }),
      });
      if (answer.notice?.type === 'error') addNotice({ ...answer.notice, resourceId });
      return answer.notice?.type !== 'error';
    });
    if (ok) done();
  };

  const sendNote = async () => {
    const body = draft.text.trim();
    if (!body || busy) return;
    const mentions = [...mentioned.current].filter(([name]) => body.includes(`@${name}`)).map(([, id]) => id);
    setBusy(true);
    try {
      if (await post('addNote', { body, mentions: JSON.stringify(mentions) })) {
        done();
        await data.reload();
      }
    } finally {
      setBusy(false);
    }
  };

  const sendAttachment = async () => {
    const current = attachment.attachment;
    if (!current || current.problem || busy) return;
    const caption = current.kind === 'audio' ? null : attachment.caption.trim() || null;
    const pending: PendingDraft = {
      type: current.kind,
      body: caption,
      content: current.kind === 'document' ? { kind: 'document', fileName: current.file.name, caption } : current.kind === 'audio' ? { kind: 'audio', voice: false } : { kind: current.kind, caption },
    };
    const ok = await sending(pending, async () => {
      const answer = await attachment.upload(conversationId, draft.replyTo?.id ?? null);
      if ('notice' in answer) addNotice({ ...answer.notice, resourceId });
      return 'messageId' in answer;
    });
    if (ok) {
      attachment.clear();
      update({ replyTo: null });
    }
  };

  const sendInteractive = async () => {
    if (interactive.problems.length || busy) return;
    const message = interactive.message();
    const ok = await sending({ type: 'interactive', body: message.body.text, content: { kind: 'interactive', interactiveType: message.type, title: message.body.text, description: null, replyId: null, answers: [], options: [] } }, () =>
      post('sendInteractive', { interactive: JSON.stringify(message), replyToMessageId: draft.replyTo?.id ?? null }),
    );
    if (ok) {
      interactive.reset();
      setOpen(null);
      update({ replyTo: null });
    }
  };

  /** The text typed goes later instead of now (the server also schedules interactive messages, for the API). */
  const schedule = async (at: Date | null) => {
    const text = draft.text.trim();
    if (!at || !text || busy) return;
    setBusy(true);
    try {
      const content = { kind: 'text', text, replyToMessageId: draft.replyTo?.id ?? null };
      if (await post('scheduleMessage', { sendAt: at.toISOString(), content: JSON.stringify(content) })) {
        addNotice({ message: 'composer.schedule.done', type: 'success', resourceId });
        done();
        setOpen(null);
        await data.reload();
      }
    } finally {
      setBusy(false);
    }
  };

  const snooze = async (until: Date | null) => {
    setOpen(null);
    if (await post('snooze', { until: until?.toISOString() ?? '' })) addNotice({ message: 'composer.snooze.done', type: 'success', resourceId });
  };
  const unsnooze = () => post('unsnooze', {});
  const cancelScheduled = async (scheduledId: string) => {
    if (await post('cancelScheduled', { scheduledId })) await data.reload();
  };

  const send = () => (attachment.attachment ? sendAttachment() : draft.mode === 'note' ? sendNote() : sendText());

  return {
    draft, update, input, busy, open, setOpen, setCaret, missing,
    attachment, interactive,
    canned, cannedList, takeCanned, people, peopleList, takePerson,
    send, sendInteractive, schedule, snooze, unsnooze, cancelScheduled,
  };
};

export type ComposerApi = ReturnType<typeof useComposer>;
