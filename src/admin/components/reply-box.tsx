import React, { useState, type DragEvent, type KeyboardEvent } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Button, Icon } from '@adminjs/design-system';
import type { RecordJSON } from 'adminjs';
import type { ConversationPanel } from '../../conversations/read/conversation-panel.js';
import { AttachmentPreview } from './attachment-preview.tsx';
import { ComposerTools, Tool } from './composer-tools.tsx';
import { InteractiveBuilder } from './interactive-builder.tsx';
import { LaterPicker } from './later-picker.tsx';
import { MentionCount } from './mention-alert.tsx';
import { formatDateTime } from './message-format.ts';
import { ReplyTarget } from './reply-target.tsx';
import { ReplyText } from './reply-text.tsx';
import { ScheduledStrip } from './scheduled-strip.tsx';
import { SuggestionList } from './suggestion-list.tsx';
import { TemplatePicker } from './template-picker.tsx';
import { LinkButton } from './link-button.ts';
import { themeColor, whatsAppColors } from './theme-tokens.ts';
import type { ComposerApi } from './use-composer.ts';
import type { ComposerData } from './use-composer-data.ts';
import { useConversationText } from './use-conversation-text.ts';
import type { PendingCallbacks } from './use-pending-messages.ts';

const Box = styled.div<{ $dropping: boolean }>`
  position: relative;
  border-block-start: 1px solid ${themeColor('border')};
  background: ${({ $dropping, theme }) => ($dropping ? theme.colors.primary20 : theme.colors.grey20)};
  outline: ${({ $dropping, theme }) => ($dropping ? `2px dashed ${theme.colors.primary100}` : 'none')};
  padding: 8px 12px 10px;
  display: flex;
  flex-direction: column;
  gap: 8px;
`;

const Line = styled.div`
  display: flex;
  align-items: flex-end;
  gap: 6px;
`;

const Field = styled.div<{ $note: boolean }>`
  position: relative;
  flex: 1;
  display: flex;
  textarea {
    background: ${({ $note, theme }) => ($note ? whatsAppColors.notice : theme.colors.white)};
    border-color: ${({ $note, theme }) => ($note ? theme.colors.warning : theme.colors.grey40)};
  }
`;

const Later = styled.div`
  position: relative;
`;

const Tabs = styled.div`
  display: flex;
  gap: 4px;
  align-items: center;
  font-size: 13px;
`;

const Tab = styled.button<{ $on: boolean; $note?: boolean }>`
  display: inline-flex;
  align-items: center;
  gap: 4px;
  border: 0;
  border-radius: 12px;
  padding: 2px 10px;
  font: inherit;
  font-size: 13px;
  cursor: pointer;
  background: ${({ $on, $note, theme }) => ($on ? ($note ? whatsAppColors.notice : theme.colors.white) : 'transparent')};
  color: ${({ $on, theme }) => ($on ? theme.colors.grey100 : theme.colors.grey60)};
  font-weight: ${({ $on }) => ($on ? 600 : 400)};
`;

const Spacer = styled.span`
  flex: 1;
`;

const Note = styled.div<{ $warning?: boolean }>`
  font-size: 13px;
  color: ${({ $warning, theme }) => ($warning ? theme.colors.warning : theme.colors.grey60)};
`;

const Snoozed = styled.div`
  display: flex;
  gap: 8px;
  align-items: center;
  font-size: 13px;
  background: ${themeColor('infoLight')};
  border-radius: 6px;
  padding: 4px 8px;
`;

interface ReplyBoxProps extends PendingCallbacks {
  record: RecordJSON;
  panel: ConversationPanel | null;
  windowOpen: boolean;
  composer: ComposerApi;
  data: ComposerData;
}

/**
 * The composer, where agents spend their day: text (Enter sends, Shift+Enter adds a line), emoji,
 * attachments (picker, drag and drop, paste; checked and previewed before they go), interactive
 * messages, canned replies on `/`, quoted replies, private notes with @mentions, scheduled sends,
 * snooze; a template outside the 24-hour window. What is typed is a draft kept across reloads.
 */
export const ReplyBox = ({ record, panel, windowOpen, composer, data, ...callbacks }: ReplyBoxProps) => {
  const { tm, language } = useConversationText();
  const [templateMode, setTemplateMode] = useState(false);
  const [dropping, setDropping] = useState(false);
  const available = new Set(record.recordActions.map((action) => action.name));
  const canReply = available.has('reply');
  const canTemplate = available.has('sendTemplate');
  if (!panel) return null;
  const { draft, update } = composer;
  const note = draft.mode === 'note' || !canReply;
  const freeForm = !note && windowOpen && canReply && !templateMode;
  const showTemplates = !note && canTemplate && (templateMode || !windowOpen);
  const snoozedUntil = record.params.snoozedUntil as string | null | undefined;

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.nativeEvent.isComposing) return;
    const handled = note ? composer.peopleList.onKey(event.key, composer.takePerson) : composer.cannedList.onKey(event.key, composer.takeCanned);
    if (handled) return void event.preventDefault();
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      void composer.send();
    } else if (event.key === 'Escape' && draft.replyTo) update({ replyTo: null });
  };
  const onFiles = (list: FileList | null | undefined) => {
    const file = list?.[0];
    if (!file || !freeForm) return false;
    composer.attachment.attach(file);
    return true;
  };
  const drop = {
    onDragOver: (event: DragEvent) => {
      if (!freeForm || !event.dataTransfer.types.includes('Files')) return;
      event.preventDefault();
      setDropping(true);
    },
    onDragLeave: () => setDropping(false),
    onDrop: (event: DragEvent) => {
      setDropping(false);
      if (onFiles(event.dataTransfer.files)) event.preventDefault();
    },
  };
  const sendable = composer.attachment.attachment ? !composer.attachment.attachment.problem : draft.text.trim() !== '';

  return (
    <Box data-testid="reply-box" data-mode={note ? 'note' : 'reply'} $dropping={dropping} {...drop}>
      <ScheduledStrip scheduled={data.scheduled} onCancel={(id) => void composer.cancelScheduled(id)} />
      {snoozedUntil !== undefined && record.params.status === 'snoozed' ? (
        <Snoozed data-testid="snoozed-banner">
          <span>{snoozedUntil ? tm('composer.snooze.until', { time: formatDateTime(snoozedUntil, language) }) : tm('composer.snooze.untilReply')}</span>
          <LinkButton type="button" onClick={() => void composer.unsnooze()} data-testid="unsnooze">
            {tm('composer.snooze.wake')}
          </LinkButton>
        </Snoozed>
      ) : null}
      {!note && !windowOpen && canReply ? <Note $warning>{tm(panel.window.closesAt ? 'conversationView.reply.windowClosed' : 'conversationView.reply.neverWrote')}</Note> : null}
      {draft.replyTo && !note && freeForm ? <ReplyTarget preview={draft.replyTo.preview} onCancel={() => update({ replyTo: null })} /> : null}
      {freeForm ? <AttachmentPreview api={composer.attachment} onSend={() => void composer.send()} /> : null}
      {freeForm && composer.open === 'interactive' ? (
        <InteractiveBuilder draft={composer.interactive} busy={composer.busy} onSend={() => void composer.sendInteractive()} onClose={() => composer.setOpen(null)} />
      ) : null}
      <Tabs role="tablist">
        {canReply || canTemplate ? (
          <Tab type="button" role="tab" aria-selected={!note} $on={!note} onClick={() => update({ mode: 'reply' })} data-testid="mode-reply">
            {tm('composer.mode.reply')}
          </Tab>
        ) : null}
        <Tab type="button" role="tab" aria-selected={note} $on={note} $note onClick={() => update({ mode: 'note' })} data-testid="mode-note">
          <Icon icon="Lock" size={12} /> {tm('composer.mode.note')}
        </Tab>
        <Spacer />
        <MentionCount />
        {canReply && canTemplate && windowOpen && !note ? (
          <LinkButton type="button" onClick={() => setTemplateMode(!templateMode)} data-testid="reply-mode">
            {tm(templateMode ? 'conversationView.reply.useText' : 'conversationView.reply.useTemplate')}
          </LinkButton>
        ) : null}
        {canReply && record.params.status !== 'resolved' && record.params.status !== 'snoozed' ? (
          <Later>
            <LinkButton type="button" onClick={() => composer.setOpen(composer.open === 'snooze' ? null : 'snooze')} data-testid="snooze">
              <Icon icon="Moon" size={14} /> {tm('composer.snooze.action')}
            </LinkButton>
            {composer.open === 'snooze' ? (
              <LaterPicker title={tm('composer.snooze.title')} name="snooze" untilReply={tm('composer.snooze.untilReplyChoice')} onPick={(at) => void composer.snooze(at)} />
            ) : null}
          </Later>
        ) : null}
      </Tabs>
      {showTemplates ? (
        <TemplatePicker recordId={record.id} preferredLanguage={panel.templateLanguage} {...callbacks} />
      ) : (
        <Line>
          <ComposerTools composer={composer} replying={freeForm} />
          <Field $note={note}>
            {note && composer.peopleList.open ? (
              <SuggestionList
                label={tm('composer.mentions.choose')}
                choices={composer.people}
                active={composer.peopleList.index}
                onChoose={composer.takePerson}
                render={(agent) => <span dir="auto">@{agent.name}</span>}
                testId="mention-suggestions"
              />
            ) : null}
            {!note && composer.cannedList.open ? (
              <SuggestionList
                label={tm('composer.canned.choose')}
                choices={composer.canned}
                active={composer.cannedList.index}
                onChoose={composer.takeCanned}
                render={(reply) => (
                  <span dir="auto">
                    <strong>/{reply.shortcut}</strong> {reply.title}
                    {reply.language ? ` · ${reply.language}` : ''} — {reply.text.slice(0, 80)}
                  </span>
                )}
                testId="canned-suggestions"
              />
            ) : null}
            <ReplyText
              ref={composer.input}
              rows={1}
              dir="auto"
              value={draft.text}
              onChange={(event) => {
                update({ text: event.target.value });
                composer.setCaret(event.target.selectionStart);
              }}
              onSelect={(event) => composer.setCaret(event.currentTarget.selectionStart)}
              onKeyDown={onKeyDown}
              onPaste={(event) => {
                if (onFiles(event.clipboardData.files)) event.preventDefault();
              }}
              disabled={!!composer.attachment.attachment}
              placeholder={tm(note ? 'composer.placeholder.note' : composer.attachment.attachment ? 'composer.placeholder.withAttachment' : 'composer.placeholder.reply')}
              aria-label={tm(note ? 'composer.placeholder.note' : 'conversationView.reply.placeholder')}
              data-testid="reply-text"
            />
          </Field>
          {freeForm ? (
            <Later>
              <Tool
                type="button"
                $on={composer.open === 'schedule'}
                disabled={!draft.text.trim() || !!composer.attachment.attachment}
                onClick={() => composer.setOpen(composer.open === 'schedule' ? null : 'schedule')}
                aria-label={tm('composer.schedule.action')}
                title={tm('composer.schedule.action')}
                data-testid="schedule"
              >
                <Icon icon="Clock" />
              </Tool>
              {composer.open === 'schedule' ? (
                <LaterPicker
                  title={tm('composer.schedule.title')}
                  name="schedule"
                  onPick={(at) => void composer.schedule(at)}
                  warnAfter={panel.window.closesAt ? { at: panel.window.closesAt, text: tm('composer.schedule.windowWarning') } : null}
                />
              ) : null}
            </Later>
          ) : null}
          <Button variant="contained" type="button" onClick={() => void composer.send()} disabled={composer.busy || !sendable} data-testid="reply-send">
            {tm(note ? 'composer.note.add' : 'conversationView.reply.send')}
          </Button>
        </Line>
      )}
      {composer.missing.some((name) => draft.text.includes(name)) ? (
        <Note $warning data-testid="canned-missing">
          {tm('composer.canned.missing', { placeholders: composer.missing.map((name) => `{{${name}}}`).join(', ') })}
        </Note>
      ) : null}
    </Box>
  );
};
