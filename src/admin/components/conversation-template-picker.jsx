import React, { useEffect, useMemo, useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Button, Input } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';
import { RESOURCE_ID } from './conversation-format.jsx';
import { Select } from './conversation-styles.jsx';

const api = new ApiClient();
const MEDIA_KINDS = ['image', 'video', 'document'];

// Send an approved template: pick one (the customer's language first), fill each parameter by
// its name, never as JSON. Used in the conversation view and as the sendTemplate action's page.

const Picker = styled.div`
  display: flex;
  flex-direction: column;
  gap: 8px;
  text-align: start;
`;


const Preview = styled.div`
  white-space: pre-wrap;
  background: #f9fafb;
  border: 1px dashed #d1d5db;
  border-radius: 6px;
  padding: 8px 10px;
  font-size: 13px;
`;

const Slots = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
  gap: 8px;
`;

const SlotLabel = styled.label`
  display: block;
  font-size: 12px;
  color: #6b7280;
  margin-block-end: 2px;
`;

const Hint = styled.div`
  font-size: 13px;
  color: #6b7280;
`;

// What the agent typed in one field, as the value the server expects for that kind of slot.
const valueFor = (slot, typed) => {
  if (MEDIA_KINDS.includes(slot.kind)) return { kind: slot.kind, link: typed };
  if (slot.kind === 'payload') return { kind: 'payload', payload: typed };
  if (slot.kind === 'coupon_code') return { kind: 'coupon_code', couponCode: typed };
  if (slot.kind === 'location') {
    const [latitude, longitude] = typed.split(/[,،]/).map((part) => Number(part.trim()));
    return { kind: 'location', latitude, longitude };
  }
  return typed;
};

const baseLanguage = (code) => (code ?? '').toLowerCase().split(/[_-]/)[0];

// The body as it will read, each {{parameter}} replaced by what was typed so far.
const preview = (template, typed) =>
  template.bodyText.replace(/\{\{\s*([A-Za-z0-9_]+)\s*\}\}/g, (whole, name) => typed[`body:${name}`]?.trim() || whole);

export const TemplatePicker = ({ recordId, preferredLanguage, onQueued, onSending, onRefused }) => {
  const { translateMessage: tm } = useTranslation();
  const addNotice = useNotice();
  const [templates, setTemplates] = useState(null);
  const [templateId, setTemplateId] = useState('');
  const [typed, setTyped] = useState({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.recordAction({ resourceId: RESOURCE_ID, recordId, actionName: 'sendTemplate' }).then((response) => {
      if (response.data.notice?.type === 'error') addNotice({ ...response.data.notice, resourceId: RESOURCE_ID });
      setTemplates(response.data.templates ?? []);
    });
  }, [recordId]);

  const { preferred, others } = useMemo(() => {
    const wanted = baseLanguage(preferredLanguage);
    const list = templates ?? [];
    const inLanguage = wanted ? list.filter((t) => baseLanguage(t.language) === wanted) : [];
    return { preferred: inLanguage, others: list.filter((t) => !inLanguage.includes(t)) };
  }, [templates, preferredLanguage]);

  const template = (templates ?? []).find((t) => t.id === templateId);
  const missing = template ? template.slots.some((slot) => slot.required && !(typed[slot.key] ?? '').trim()) : true;

  const send = async () => {
    if (!template || busy) return;
    setBusy(true);
    const values = {};
    for (const slot of template.slots) {
      const text = (typed[slot.key] ?? '').trim();
      if (text) values[slot.key] = valueFor(slot, text);
    }
    const pendingId = onSending?.({ type: 'template', body: preview(template, typed), content: { kind: 'template', name: template.name, language: template.language } });
    try {
      const data = new FormData();
      data.set('templateId', template.id);
      data.set('values', JSON.stringify(values));
      const response = await api.recordAction({ resourceId: RESOURCE_ID, recordId, actionName: 'sendTemplate', method: 'post', data });
      const notice = response.data.notice;
      if (notice) addNotice({ ...notice, resourceId: RESOURCE_ID });
      if (notice?.type === 'error') {
        onRefused?.(pendingId);
      } else {
        setTyped({});
        onQueued?.(pendingId);
      }
    } catch (error) {
      onRefused?.(pendingId);
      throw error;
    } finally {
      setBusy(false);
    }
  };

  const option = (t) => (
    <option key={t.id} value={t.id}>
      {t.name} ({t.language})
    </option>
  );

  if (templates === null) return null;
  if (templates.length === 0) return <Hint data-testid="template-picker">{tm('conversationView.templates.none', RESOURCE_ID)}</Hint>;
  return (
    <Picker data-testid="template-picker">
      <Select value={templateId} onChange={(event) => setTemplateId(event.target.value)} data-testid="template-select" aria-label={tm('conversationView.templates.choose', RESOURCE_ID)}>
        <option value="">{tm('conversationView.templates.choose', RESOURCE_ID)}</option>
        {preferred.length ? (
          <>
            <optgroup label={tm('conversationView.templates.customerLanguage', RESOURCE_ID)}>{preferred.map(option)}</optgroup>
            <optgroup label={tm('conversationView.templates.otherLanguages', RESOURCE_ID)}>{others.map(option)}</optgroup>
          </>
        ) : (
          others.map(option)
        )}
      </Select>
      {template ? (
        <>
          <Preview dir="auto" data-testid="template-preview">
            {preview(template, typed)}
          </Preview>
          {template.slots.length ? (
            <Slots>
              {template.slots.map((slot) => (
                <div key={slot.key}>
                  <SlotLabel htmlFor={`slot-${slot.key}`}>
                    {tm('conversationView.templates.parameter', RESOURCE_ID, {
                      component: tm(`conversationView.templates.component.${slot.component}`, RESOURCE_ID, { index: (slot.index ?? 0) + 1 }),
                      name: slot.name,
                    })}
                    {slot.required ? ' *' : ''}
                  </SlotLabel>
                  <Input
                    id={`slot-${slot.key}`}
                    width={1}
                    dir="auto"
                    value={typed[slot.key] ?? ''}
                    placeholder={
                      slot.example ??
                      (MEDIA_KINDS.includes(slot.kind)
                        ? tm('conversationView.templates.mediaHint', RESOURCE_ID)
                        : slot.kind === 'location'
                          ? tm('conversationView.templates.locationHint', RESOURCE_ID)
                          : '')
                    }
                    onChange={(event) => setTyped({ ...typed, [slot.key]: event.target.value })}
                    data-testid={`template-param-${slot.key}`}
                  />
                </div>
              ))}
            </Slots>
          ) : null}
        </>
      ) : null}
      <div>
        <Button variant="contained" type="button" onClick={send} disabled={busy || !template || missing} data-testid="template-send">
          {tm('conversationView.templates.send', RESOURCE_ID)}
        </Button>
      </div>
    </Picker>
  );
};
