import React, { useEffect, useMemo, useState } from 'react';
import { Box, Button, FormGroup, Input, Label, Select, Text } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';

const api = new ApiClient();
const MEDIA_KINDS = ['image', 'video', 'document'];

// What the agent typed in one field, as the value the server expects for that kind of slot.
const valueFor = (slot, typed) => {
  if (MEDIA_KINDS.includes(slot.kind)) return { kind: slot.kind, link: typed };
  if (slot.kind === 'payload') return { kind: 'payload', payload: typed };
  if (slot.kind === 'coupon_code') return { kind: 'coupon_code', couponCode: typed };
  if (slot.kind === 'location') {
    const [latitude, longitude] = typed.split(',').map((part) => Number(part.trim()));
    return { kind: 'location', latitude, longitude };
  }
  return typed;
};

// Send an approved template: pick one, fill each of its parameters by name (never raw JSON).
const SendTemplate = ({ record, resource, action }) => {
  const [templates, setTemplates] = useState([]);
  const [templateId, setTemplateId] = useState(null);
  const [typed, setTyped] = useState({});
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const { translateMessage, translateButton, translateLabel } = useTranslation();

  useEffect(() => {
    api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name }).then((response) => {
      setTemplates(response.data.templates ?? []);
    });
  }, [resource.id, record.id, action.name]);

  const template = useMemo(() => templates.find((t) => t.id === templateId), [templates, templateId]);
  const options = templates.map((t) => ({ value: t.id, label: `${t.name} (${t.language})` }));

  const send = async () => {
    if (!template) return;
    setBusy(true);
    try {
      const values = {};
      for (const slot of template.slots) {
        const text = (typed[slot.key] ?? '').trim();
        if (text) values[slot.key] = valueFor(slot, text);
      }
      const response = await api.recordAction({
        resourceId: resource.id,
        recordId: record.id,
        actionName: action.name,
        data: { templateId: template.id, values: JSON.stringify(values) },
      });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.notice?.type !== 'error') setTyped({});
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="white">
      {templates.length === 0 ? <Text mb="lg">{translateMessage('noApprovedTemplates', resource.id)}</Text> : null}
      <FormGroup>
        <Label>{translateLabel('template', resource.id)}</Label>
        <Select options={options} value={options.find((o) => o.value === templateId) ?? null} onChange={(selected) => setTemplateId(selected?.value ?? null)} />
      </FormGroup>
      {template ? (
        <Box mb="lg">
          <Text mb="md" dir="auto" style={{ whiteSpace: 'pre-wrap' }}>{template.bodyText}</Text>
          {template.slots.map((slot) => (
            <FormGroup key={slot.key}>
              <Label required={slot.required}>{`${slot.component} · ${slot.name}`}</Label>
              <Input
                width={1}
                dir="auto"
                value={typed[slot.key] ?? ''}
                placeholder={slot.example ?? ''}
                onChange={(event) => setTyped({ ...typed, [slot.key]: event.target.value })}
              />
            </FormGroup>
          ))}
        </Box>
      ) : null}
      <Button variant="contained" onClick={send} disabled={busy || !template}>
        {translateButton('send', resource.id)}
      </Button>
    </Box>
  );
};

export default SendTemplate;
