import React, { useState } from 'react';
import { Box, Button, FormGroup, Label, Text, TextArea } from '@adminjs/design-system';
import { useNotice, useTranslation, type ActionProps } from 'adminjs';
import type { SequenceEnrollAnswer } from '../resources/sequences.resource.js';
import { formData, recordAction } from './action-client.ts';

/** Enrols contacts in a sequence by hand: one phone or a pasted list, any format; the result counted. */
const SequenceEnroll = ({ resource, record, action }: ActionProps) => {
  const { translateMessage: tm } = useTranslation();
  const t = (key: string, options?: Record<string, string | number>) => tm(`campaigns.sequence.${key}`, resource.id, options);
  const [phones, setPhones] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<SequenceEnrollAnswer['result'] | null>(null);
  const addNotice = useNotice();

  const enroll = async () => {
    setBusy(true);
    try {
      const answer = await recordAction<SequenceEnrollAnswer>({ resourceId: resource.id, recordId: record!.id, actionName: action.name, data: formData({ phones }) });
      if (answer.notice) addNotice({ ...answer.notice, resourceId: resource.id });
      setResult(answer.result ?? null);
      if (answer.result) setPhones('');
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box variant="white" data-testid="sequence-enroll">
      <FormGroup>
        <Label htmlFor="enroll-phones" required>{t('enrollPhones')}</Label>
        <TextArea id="enroll-phones" dir="ltr" rows={6} value={phones} style={{ inlineSize: '100%' }}
          onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setPhones(e.target.value)} />
        <Text color="grey60" mt="sm">{t('enrollHint')}</Text>
      </FormGroup>
      {result ? (
        <Box mb="default" data-testid="enroll-result">
          <Text>{t('enrolled', { count: result.enrolled })}</Text>
          {result.alreadyActive > 0 ? <Text>{t('alreadyActive', { count: result.alreadyActive })}</Text> : null}
          {result.notFound > 0 ? <Text color="error">{t('notFound', { count: result.notFound })}</Text> : null}
        </Box>
      ) : null}
      <Button type="button" variant="contained" disabled={busy || !phones.trim()} onClick={() => void enroll()}>{t('enrollSubmit')}</Button>
    </Box>
  );
};

export default SequenceEnroll;
