import React, { useState } from 'react';
import { Box, Button, Label, Text, TextArea } from '@adminjs/design-system';
import type { ActionProps } from 'adminjs';
import type { AutoReplyTestAnswer } from '../resources/automation.resources.js';
import { formData, recordAction } from './action-client.ts';
import { CustomerText } from './customer-text.tsx';
import { useReportsText } from './use-reports-text.ts';

/** A rule's page: try a sample customer message and see which rules would answer it, in order, and with what. */
const AutoReplyTest = ({ record, resource }: ActionProps) => {
  const { tm } = useReportsText();
  const [text, setText] = useState('');
  const [trial, setTrial] = useState<AutoReplyTestAnswer['trial'] | null>(null);
  const run = async () => {
    const answer = await recordAction<AutoReplyTestAnswer>({ resourceId: resource.id, recordId: String(record!.id), actionName: 'test', method: 'post', data: formData({ text }) });
    setTrial(answer.trial ?? null);
  };
  return (
    <Box p="xl" data-testid="auto-reply-test">
      <Label htmlFor="auto-reply-sample">{tm('automation.rule.test.sample')}</Label>
      <TextArea id="auto-reply-sample" dir="auto" width={1} rows={3} value={text} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setText(e.target.value)} />
      <Box my="lg">
        <Button variant="contained" disabled={!text.trim()} onClick={() => void run()} data-testid="auto-reply-run">
          {tm('automation.rule.test.run')}
        </Button>
      </Box>
      {trial ? (
        <Box data-testid="auto-reply-trial">
          <Text mb="md">{tm('automation.rule.test.language', { language: tm(`automation.language.${trial.language}`, { defaultValue: trial.language }) })}</Text>
          {trial.replies.length === 0 ? <Text data-testid="auto-reply-none">{tm('automation.rule.test.none')}</Text> : null}
          <ol>
            {trial.replies.map((reply) => (
              <li key={reply.ruleId} data-testid="auto-reply-match" data-rule-id={reply.ruleId}>
                <strong>
                  <CustomerText text={reply.name} />
                </strong>
                {' — '}
                {reply.text ? <CustomerText text={reply.text} /> : tm('automation.rule.test.template')}
                {reply.stops ? ` (${tm('automation.rule.test.stops')})` : null}
              </li>
            ))}
          </ol>
        </Box>
      ) : null}
    </Box>
  );
};

export default AutoReplyTest;
