import React, { useState } from 'react';
import { Box, Button, Text, MessageBox } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';

// A record action that changes state only on an explicit POST (AdminJS calls actions
// without a form with GET, which must never change anything).
const ConfirmAction = ({ action, record, resource }) => {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);
  const addNotice = useNotice();
  const { translateMessage, translateButton } = useTranslation();

  const run = async () => {
    setBusy(true);
    try {
      const response = await new ApiClient().recordAction({
        resourceId: resource.id,
        recordId: record.id,
        actionName: action.name,
        data: { confirmed: 'yes' },
      });
      const notice = response.data.notice;
      if (notice) addNotice(notice);
      setResult(notice ?? null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="white">
      <Text mb="lg">{translateMessage(`${action.name}Confirm`, resource.id)}</Text>
      {result ? <MessageBox message={translateMessage(result.message, resource.id, result.options)} variant={result.type === 'error' ? 'danger' : 'success'} /> : null}
      <Button variant="contained" onClick={run} disabled={busy}>
        {translateButton(action.name, resource.id)}
      </Button>
    </Box>
  );
};

export default ConfirmAction;
