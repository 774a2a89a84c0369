import React, { useEffect, useState } from 'react';
import { Box, Button, FormGroup, Label, MessageBox, Select, Text } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';

// "Sync from Meta" for one number: its templates become what Meta lists. Loading the numbers
// is a GET; the sync itself only runs on the button's POST.
const TemplateSync = ({ action, resource }) => {
  const [accounts, setAccounts] = useState([]);
  const [accountId, setAccountId] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);
  const addNotice = useNotice();
  const { translateMessage: tm } = useTranslation();

  useEffect(() => {
    new ApiClient().resourceAction({ resourceId: resource.id, actionName: action.name }).then((response) => {
      const list = response.data.accounts ?? [];
      setAccounts(list);
      if (list.length === 1) setAccountId(list[0].id);
    });
  }, [resource.id, action.name]);

  const run = async () => {
    setBusy(true);
    try {
      const data = new FormData();
      data.set('accountId', accountId);
      const response = await new ApiClient().resourceAction({ resourceId: resource.id, actionName: action.name, data });
      const notice = response.data.notice;
      if (notice) addNotice({ ...notice, resourceId: resource.id });
      setResult(notice ?? null);
    } finally {
      setBusy(false);
    }
  };

  const choices = accounts.map((a) => ({ value: a.id, label: a.displayPhoneNumber ? `${a.name} (${a.displayPhoneNumber})` : a.name }));
  return (
    <Box variant="white">
      <Text mb="lg">{tm('templates.sync.explained', resource.id)}</Text>
      <FormGroup>
        <Label>{tm('templates.form.fields.accountId', resource.id)}</Label>
        <Select value={choices.find((c) => c.value === accountId) ?? null} options={choices} onChange={(selected) => setAccountId(selected?.value ?? '')} />
      </FormGroup>
      {result ? (
        <MessageBox mb="lg" variant={result.type === 'error' ? 'danger' : 'success'} message={tm(result.message, resource.id, result.options)} />
      ) : null}
      <Button variant="contained" onClick={run} disabled={busy || !accountId}>
        {tm('templates.sync.run', resource.id)}
      </Button>
    </Box>
  );
};

export default TemplateSync;
