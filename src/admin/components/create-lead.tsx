import React from 'react';
import { Box, Button, FormGroup, Input, Label, MessageBox, Select, Text, TextArea } from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';
import { LEAD_STATUSES, type LeadStatus } from '../../domain/lead-choices.ts';
import { conversationParams } from './record-params.ts';
import { useCreateLead, type LeadFields } from './use-create-lead.ts';

const TEXT_FIELDS = ['organisationName', 'contactName', 'phoneE164', 'email'] as const satisfies readonly (keyof LeadFields)[];

/**
 * A new B2B lead from the conversation, prefilled by the server from the contact and what the
 * customer wrote; the server checks and normalises every field (the phone to E.164).
 */
const CreateLead = (props: ActionProps) => {
  const { record, fields, setFields, intent, busy, submit } = useCreateLead(props);
  const { translateMessage } = useTranslation();
  const t = (key: string, options?: Record<string, unknown>) => translateMessage(`inbox.${key}`, props.resource.id, options);

  const { leadId, leadName } = conversationParams(record);
  if (leadId) {
    return (
      <Box variant="white">
        <MessageBox variant="info" message={t('createLeadPage.alreadyLinked', { name: leadName ?? '' })} />
      </Box>
    );
  }
  if (!fields) return null;
  const set = (name: keyof LeadFields, value: string) => setFields({ ...fields, [name]: value });
  const statusOptions = LEAD_STATUSES.map((value) => ({ value, label: t(`createLeadPage.status.${value}`) }));
  return (
    <Box as="form" variant="white" onSubmit={submit} data-testid="create-lead">
      <Text mb="lg">{t('createLeadPage.intro')}</Text>
      {intent ? <Text mb="lg" color="grey60">{t('createLeadPage.intent', { intent })}</Text> : null}
      {TEXT_FIELDS.map((name) => (
        <FormGroup key={name}>
          <Label htmlFor={`lead-${name}`} required={name === 'organisationName'}>
            {t(`createLeadPage.fields.${name}`)}
          </Label>
          <Input id={`lead-${name}`} width={1} dir="auto" value={fields[name] ?? ''} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set(name, event.target.value)} />
        </FormGroup>
      ))}
      <FormGroup>
        <Label>{t('createLeadPage.fields.status')}</Label>
        <Select
          value={statusOptions.find((option) => option.value === fields.status) ?? null}
          options={statusOptions}
          onChange={(option: { value: LeadStatus } | null) => set('status', option?.value ?? 'new')}
        />
      </FormGroup>
      <FormGroup>
        <Label htmlFor="lead-notes">{t('createLeadPage.fields.notes')}</Label>
        <TextArea id="lead-notes" width={1} rows={4} dir="auto" value={fields.notes ?? ''} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => set('notes', event.target.value)} />
      </FormGroup>
      <Button variant="contained" type="submit" disabled={busy || !(fields.organisationName ?? '').trim()} data-testid="create-lead-submit">
        {t('createLeadPage.submit')}
      </Button>
    </Box>
  );
};

export default CreateLead;
