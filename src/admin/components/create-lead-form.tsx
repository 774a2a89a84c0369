import React, { useEffect, useState } from 'react';
import { Button, Input } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import type { CreateLeadPage } from '../resources/conversation-workflow-actions.js';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { FieldLabel, PanelForm } from './panel-form.ts';
import type { ConversationActionsApi } from './use-conversation-actions.ts';
import { useConversationText } from './use-conversation-text.ts';

type LeadValues = Record<string, string | null>;

/** A new B2B lead from what the server prefilled (the contact, the CRM record, the customer's first words); the server checks every field. */
export const CreateLeadForm = ({ actions }: { actions: ConversationActionsApi }) => {
  const { tm } = useConversationText();
  const { translateProperty } = useTranslation();
  const [values, setValues] = useState<LeadValues | null>(null);
  useEffect(() => {
    void actions.load<CreateLeadPage>('createLead').then((answer) => {
      setValues(Object.fromEntries(Object.entries(answer.prefill ?? {}).filter((entry): entry is [string, string | null] => entry[1] === null || typeof entry[1] === 'string')));
    });
  }, []);
  if (!values) return null;
  return (
    <PanelForm data-testid="create-lead-form">
      {Object.keys(values).map((key) => (
        <React.Fragment key={key}>
          <FieldLabel htmlFor={`lead-${key}`}>{translateProperty(key, RESOURCE_IDS.leads)}</FieldLabel>
          <Input
            id={`lead-${key}`}
            value={values[key] ?? ''}
            onChange={(event: React.ChangeEvent<HTMLInputElement>) => setValues({ ...values, [key]: event.target.value })}
            dir="auto"
            data-testid={`lead-field-${key}`}
          />
        </React.Fragment>
      ))}
      <Button size="sm" variant="contained" type="button" disabled={actions.busy} onClick={() => void actions.post('createLead', values)} data-testid="create-lead-confirm">
        {tm('conversationView.actions.create')}
      </Button>
    </PanelForm>
  );
};
