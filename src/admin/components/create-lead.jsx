import React, { useEffect, useState } from 'react';
import { Box, Button, FormGroup, Input, Label, MessageBox, Select, Text, TextArea } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';

const api = new ApiClient();
const TEXT_FIELDS = ['organisationName', 'contactName', 'phoneE164', 'email'];
const STATUSES = ['new', 'contacted', 'qualified', 'won', 'lost'];

// A new B2B lead from the conversation, prefilled by the server from the contact and what the
// customer wrote; the server checks and normalises every field (the phone to E.164).
const CreateLead = ({ record: initial, resource, action }) => {
  const [record, setRecord] = useState(initial);
  const [fields, setFields] = useState(null);
  const [intent, setIntent] = useState(null);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const { translateMessage } = useTranslation();
  const t = (key, options) => translateMessage(`inbox.${key}`, resource.id, options);

  useEffect(() => {
    api.recordAction({ resourceId: resource.id, recordId: initial.id, actionName: action.name }).then((response) => {
      const { intent: detected, ...prefill } = response.data.prefill ?? {};
      setIntent(detected ?? null);
      setFields(prefill);
    });
  }, [resource.id, initial.id, action.name]);

  const set = (name) => (event) => setFields({ ...fields, [name]: event.target.value });

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId: initial.id, actionName: action.name, data: fields, method: 'post' });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.record?.params) setRecord(response.data.record);
    } finally {
      setBusy(false);
    }
  };

  if (record.params.leadId) {
    return (
      <Box variant="white">
        <MessageBox variant="info" message={t('createLeadPage.alreadyLinked', { name: record.params.leadName ?? '' })} />
      </Box>
    );
  }
  if (!fields) return null;
  const statusOptions = STATUSES.map((value) => ({ value, label: t(`createLeadPage.status.${value}`) }));
  return (
    <Box as="form" variant="white" onSubmit={submit} data-testid="create-lead">
      <Text mb="lg">{t('createLeadPage.intro')}</Text>
      {intent ? <Text mb="lg" color="grey60">{t('createLeadPage.intent', { intent })}</Text> : null}
      {TEXT_FIELDS.map((name) => (
        <FormGroup key={name}>
          <Label htmlFor={`lead-${name}`} required={name === 'organisationName'}>{t(`createLeadPage.fields.${name}`)}</Label>
          <Input id={`lead-${name}`} width={1} dir="auto" value={fields[name] ?? ''} onChange={set(name)} />
        </FormGroup>
      ))}
      <FormGroup>
        <Label>{t('createLeadPage.fields.status')}</Label>
        <Select
          value={statusOptions.find((option) => option.value === fields.status) ?? null}
          options={statusOptions}
          onChange={(option) => setFields({ ...fields, status: option?.value ?? 'new' })}
        />
      </FormGroup>
      <FormGroup>
        <Label htmlFor="lead-notes">{t('createLeadPage.fields.notes')}</Label>
        <TextArea id="lead-notes" width={1} rows={4} dir="auto" value={fields.notes ?? ''} onChange={set('notes')} />
      </FormGroup>
      <Button variant="contained" type="submit" disabled={busy || !(fields.organisationName ?? '').trim()} data-testid="create-lead-submit">
        {t('createLeadPage.submit')}
      </Button>
    </Box>
  );
};

export default CreateLead;
