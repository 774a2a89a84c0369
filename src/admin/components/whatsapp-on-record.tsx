import React, { useState } from 'react';
import { Box, Button, FormGroup, H5, Input, Label, Link, Select, Text, TextArea } from '@adminjs/design-system';
import { useTranslation, type RecordJSON, type ResourceJSON } from 'adminjs';
import { ActionResult } from './action-result.tsx';
import { rootPath } from './admin-paths.ts';
import { CustomerText } from './customer-text.tsx';
import { formatDateTime, languageOf } from './message-format.ts';
import { useRecordWhatsApp } from './use-record-whatsapp.ts';

type Choice = { value: string; label: string };

/**
 * WhatsApp on a host's record (the record feature): its conversations under any spelling of its
 * phone, the last messages, a send box (free text while the 24-hour window is open, an approved
 * template otherwise) and click-to-chat with its QR code. Shown on the record's page and as its
 * "WhatsApp" action.
 */
const WhatsAppOnRecord = ({ record, resource }: { record?: RecordJSON; resource: ResourceJSON }) => {
  const { translateMessage, i18n } = useTranslation();
  const tm = (key: string, options?: Record<string, unknown>) => translateMessage(key, resource.id, options);
  const { whatsapp, loaded, notice, busy, send, prefill, setPrefill } = useRecordWhatsApp(resource.id, record!.id);
  const [text, setText] = useState('');
  const [templateId, setTemplateId] = useState('');
  const [values, setValues] = useState<Record<string, string>>({});
  const language = languageOf(i18n);

  if (!loaded) return null;
  if (!whatsapp) return <Text color="grey60">{tm('integrations.record.noPhone')}</Text>;
  const latest = whatsapp.conversations[0];
  const windowOpen = Boolean(latest?.windowClosesAt);
  const templates: Choice[] = whatsapp.templates.map((template) => ({ value: template.id, label: template.label }));
  const template = whatsapp.templates.find((candidate) => candidate.id === templateId);

  const submit = async () => {
    const fields: Record<string, string> = windowOpen && !templateId
      ? { accountId: whatsapp.accountId ?? '', text }
      : { accountId: whatsapp.accountId ?? '', templateId, ...Object.fromEntries(Object.entries(values).map(([slot, value]) => [`value:${slot}`, value])) };
    if (await send(fields)) {
      setText('');
      setValues({});
    }
  };

  return (
    <Box data-testid="whatsapp-on-record" mb="xl">
      <H5 mb="default">
        WhatsApp · <span dir="ltr">{whatsapp.phone}</span>
      </H5>
      {whatsapp.conversations.length === 0 ? <Text mb="default">{tm('integrations.record.noConversation')}</Text> : null}
      {whatsapp.conversations.map((conversation) => (
        <Text key={conversation.id} mb="sm">
          <Link href={`${rootPath()}/resources/whatsapp_conversations/records/${conversation.id}/show`}>
            {tm(`integrations.record.status.${conversation.status}`)}
          </Link>
          {conversation.lastMessageAt ? ` · ${formatDateTime(conversation.lastMessageAt, language)}` : ''}
        </Text>
      ))}
      {whatsapp.messages.length > 0 ? (
        <Box my="default" data-testid="record-messages">
          {whatsapp.messages.map((message) => (
            <Box key={message.id} mb="sm" style={{ textAlign: message.direction === 'outbound' ? 'end' : 'start' }}>
              <Text variant="sm" color="grey60">
                {formatDateTime(message.createdAt, language)}
              </Text>
              <Text>{message.text ? <CustomerText text={message.text} /> : tm('integrations.record.noText')}</Text>
            </Box>
          ))}
        </Box>
      ) : null}

      {whatsapp.canSend ? (
        <Box my="lg">
          {windowOpen ? (
            <FormGroup>
              <Label>{tm('integrations.record.freeText')}</Label>
              <TextArea width={1} dir="auto" value={text} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setText(event.target.value)} data-testid="record-text" />
            </FormGroup>
          ) : (
            <Text mb="default">{tm('integrations.record.windowClosed')}</Text>
          )}
          <FormGroup>
            <Label>{tm('integrations.record.template')}</Label>
            <Select isClearable value={templates.find((choice) => choice.value === templateId) ?? null} options={templates} onChange={(selected: Choice | null) => setTemplateId(selected?.value ?? '')} />
          </FormGroup>
          {template?.slots.map((slot) => (
            <FormGroup key={slot}>
              <Label>{tm('integrations.record.parameter', { name: slot.slice('body:'.length) })}</Label>
              <Input width={1} dir="auto" value={values[slot] ?? ''} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [slot]: event.target.value })} />
            </FormGroup>
          ))}
          <ActionResult notice={notice} resourceId={resource.id} />
          <Button variant="contained" disabled={busy || (!templateId && (!windowOpen || !text.trim()))} onClick={submit} data-testid="record-send">
            {tm(templateId ? 'integrations.record.sendTemplate' : 'integrations.record.send')}
          </Button>
        </Box>
      ) : null}

      {whatsapp.clickToChat ? (
        <Box my="lg" data-testid="click-to-chat">
          <Label>{tm('integrations.record.clickToChat')}</Label>
          <Select
            isClearable
            placeholder={tm('integrations.record.prefill')}
            value={templates.find((choice) => choice.value === prefill) ?? null}
            options={templates}
            onChange={(selected: Choice | null) => setPrefill(selected?.value ?? '')}
          />
          <Box flex alignItems="center" mt="default">
            <img src={`data:image/svg+xml;utf8,${encodeURIComponent(whatsapp.clickToChat.qrSvg)}`} alt={tm('integrations.record.qrAlt')} width={128} height={128} />
            <Link ml="lg" href={whatsapp.clickToChat.link} target="_blank" rel="noopener noreferrer" dir="ltr" data-testid="wa-me-link">
              {tm('integrations.record.openInWhatsApp')}
            </Link>
          </Box>
        </Box>
      ) : null}
    </Box>
  );
};

export default WhatsAppOnRecord;
