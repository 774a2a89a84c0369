import React, { useState } from 'react';
import { Box, Button, FormGroup, Input, Label } from '@adminjs/design-system';
import { useNotice, useTranslation, type ActionProps, type NoticeMessage } from 'adminjs';
import type { RateCardUploadAnswer } from '../resources/rate-cards.resource.js';
import { ActionResult } from './action-result.tsx';
import { formData, resourceAction } from './action-client.ts';

/** Upload of Meta's rate card: the file is read here and sent as text with the day it applies from. */
const RateCardUpload = ({ action, resource }: ActionProps) => {
  const { translateMessage: tm } = useTranslation();
  const addNotice = useNotice();
  const [csv, setCsv] = useState('');
  const [effectiveFrom, setEffectiveFrom] = useState(new Date().toISOString().slice(0, 10));
  const [currency, setCurrency] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<NoticeMessage | null>(null);

  const upload = async () => {
    setBusy(true);
    try {
      const answer = await resourceAction<RateCardUploadAnswer>({ resourceId: resource.id, actionName: action.name, data: formData({ csv, effectiveFrom, currency }) });
      if (answer.notice) addNotice({ ...answer.notice, resourceId: resource.id });
      setResult(answer.notice ?? null);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="white">
      <FormGroup>
        <Label htmlFor="rate-card-file">{tm('rateCards.upload.file', resource.id)}</Label>
        <input
          id="rate-card-file"
          type="file"
          accept=".csv,text/csv"
          onChange={(event) => void event.target.files?.[0]?.text().then(setCsv)}
        />
      </FormGroup>
      <FormGroup>
        <Label htmlFor="rate-card-effective-from">{tm('rateCards.upload.effectiveFrom', resource.id)}</Label>
        <Input id="rate-card-effective-from" type="date" value={effectiveFrom} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setEffectiveFrom(event.target.value)} />
      </FormGroup>
      <FormGroup>
        <Label htmlFor="rate-card-currency">{tm('rateCards.upload.currency', resource.id)}</Label>
        <Input id="rate-card-currency" maxLength={3} dir="ltr" value={currency} onChange={(event: React.ChangeEvent<HTMLInputElement>) => setCurrency(event.target.value.toUpperCase())} />
      </FormGroup>
      <ActionResult notice={result} resourceId={resource.id} />
      <Button variant="contained" onClick={upload} disabled={busy || !csv}>
        {tm('rateCards.upload.submit', resource.id)}
      </Button>
    </Box>
  );
};

export default RateCardUpload;
