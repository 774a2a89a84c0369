import React, { useState } from 'react';
import { Box, Button, Text } from '@adminjs/design-system';
import { useNotice, useTranslation, type ActionProps, type NoticeMessage } from 'adminjs';
import { ActionResult } from './action-result.tsx';
import { recordAction } from './action-client.ts';

/**
 * A record action that changes state only on an explicit POST (AdminJS calls actions without a
 * form with GET, which must never change anything).
 */
const ConfirmAction = ({ action, record, resource }: ActionProps) => {
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<NoticeMessage | null>(null);
  const addNotice = useNotice();
  const { translateMessage, translateButton } = useTranslation();

  const run = async () => {
    setBusy(true);
    try {
      const answer = await recordAction({ resourceId: resource.id, recordId: record!.id, actionName: action.name, data: { confirmed: 'yes' } });
      if (answer.notice) addNotice(answer.notice);
      setResult(answer.notice ?? null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="white">
      <Text mb="lg">{translateMessage(`${action.name}Confirm`, resource.id)}</Text>
      <ActionResult notice={result} resourceId={resource.id} />
      <Button variant="contained" onClick={run} disabled={busy}>
        {translateButton(action.name, resource.id)}
      </Button>
    </Box>
  );
};

export default ConfirmAction;
