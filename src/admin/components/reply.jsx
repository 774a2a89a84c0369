import React, { useCallback, useEffect, useState } from 'react';
import { Box, Button, Text, TextArea, Badge } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';

const api = new ApiClient();
const STATUS_MARKS = { queued: '🕓', sending: '🕓', sent: '✓', delivered: '✓✓', read: '✓✓', failed: '⚠', unknown: '?' };

// Recent messages of the conversation with their delivery status, and a box to answer.
// Customer text is untrusted: it is rendered as React text (never HTML) in its own direction.
const Reply = ({ record, resource, action }) => {
  const [messages, setMessages] = useState([]);
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const { translateMessage, translateButton, translateLabel } = useTranslation();

  const load = useCallback(async () => {
    const response = await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name });
    setMessages(response.data.messages ?? []);
  }, [resource.id, record.id, action.name]);

  useEffect(() => {
    load();
    const timer = setInterval(load, 2000);
    return () => clearInterval(timer);
  }, [load]);

  const send = async () => {
    if (!text.trim() || busy) return;
    setBusy(true);
    try {
      const response = await api.recordAction({
        resourceId: resource.id,
        recordId: record.id,
        actionName: action.name,
        data: { text },
      });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.notice?.type !== 'error') setText('');
      await load();
    } finally {
      setBusy(false);
    }
  };

  const onKeyDown = (event) => {
    if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      send();
    }
  };

  return (
    <Box variant="white">
      <Box style={{ maxHeight: 480, overflowY: 'auto' }} mb="lg" data-testid="reply-timeline">
        {messages.map((m) => (
          <Box key={m.id} mb="md" style={{ display: 'flex', justifyContent: m.direction === 'outbound' ? 'flex-end' : 'flex-start' }}>
            <Box p="md" style={{ maxWidth: '70%', borderRadius: 8, background: m.direction === 'outbound' ? '#dcf8c6' : '#f1f1f1' }}>
              <Text dir="auto" style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{m.body ?? `[${m.type}]`}</Text>
              <Text fontSize="sm" color="grey60" mt="sm">
                {new Date(m.createdAt).toLocaleString()}{' '}
                {m.direction === 'outbound' ? (
                  <span data-status={m.status} style={{ color: m.status === 'read' ? '#34b7f1' : undefined }}>
                    {STATUS_MARKS[m.status] ?? ''} {translateLabel(`status.${m.status}`, resource.id)}
                  </span>
                ) : null}
              </Text>
              {m.status === 'failed' ? (
                <Badge variant="danger" mt="sm">
                  {m.errorExplanationKey ? translateMessage(m.errorExplanationKey, resource.id) : m.errorTitle} {m.errorCode ? `(${m.errorCode})` : ''}
                </Badge>
              ) : null}
            </Box>
          </Box>
        ))}
      </Box>
      <TextArea
        width={1}
        rows={3}
        dir="auto"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onKeyDown={onKeyDown}
        placeholder={translateMessage('replyPlaceholder', resource.id)}
        data-testid="reply-text"
      />
      <Box mt="md">
        <Button variant="contained" onClick={send} disabled={busy || !text.trim()} data-testid="reply-send">
          {translateButton('send', resource.id)}
        </Button>
      </Box>
    </Box>
  );
};

export default Reply;
