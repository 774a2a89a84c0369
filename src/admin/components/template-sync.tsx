import React, { useEffect, useState } from 'react';
import { Box, Button, FormGroup, Label, Select, Text } from '@adminjs/design-system';
import { useNotice, useTranslation, type ActionProps, type NoticeMessage } from 'adminjs';
import type { TemplateAccountsPage, TemplateSyncAnswer } from '../resources/templates.resource.js';
import { accountChoices } from './account-choices.ts';
import { ActionResult } from './action-result.tsx';
import { formData, resourceAction } from './action-client.ts';

type Choice = { value: string; label: string };

/**
 * "Sync from Meta" for one number: its templates become what Meta lists. Loading the numbers is
 * a GET; the sync itself only runs on the button's POST.
 */
const TemplateSync = ({ action, resource }: ActionProps) => {
  const [accounts, setAccounts] = useState<TemplateAccountsPage['accounts']>([]);
  const [accountId, setAccountId] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<NoticeMessage | null>(null);
  const addNotice = useNotice();
  const { translateMessage: tm } = useTranslation();
  const request = { resourceId: resource.id, actionName: action.name };

  useEffect(() => {
    void resourceAction<TemplateAccountsPage>(request).then((answer) => {
      const list = answer.accounts ?? [];
      setAccounts(list);
      if (list.length === 1) setAccountId(list[0]!.id);
    });
  }, [resource.id, action.name]);

  const run = async () => {
    setBusy(true);
    try {
      const answer = await resourceAction<TemplateSyncAnswer>({ ...request, data: formData({ accountId }) });
      if (answer.notice) addNotice({ ...answer.notice, resourceId: resource.id });
      setResult(answer.notice ?? null);
    } finally {
      setBusy(false);
    }
  };

  const choices = accountChoices(accounts);
  return (
    <Box variant="white">
      <Text mb="lg">{tm('templates.sync.explained', resource.id)}</Text>
      <FormGroup>
        <Label>{tm('templates.form.fields.accountId', resource.id)}</Label>
        <Select value={choices.find((c) => c.value === accountId) ?? null} options={choices} onChange={(selected: Choice | null) => setAccountId(selected?.value ?? '')} />
      </FormGroup>
      <ActionResult notice={result} resourceId={resource.id} />
      <Button variant="contained" onClick={run} disabled={busy || !accountId}>
        {tm('templates.sync.run', resource.id)}
      </Button>
    </Box>
  );
};

export default TemplateSync;
