import React, { useState } from 'react';
import { Box, Button, FormGroup, Label, Select, Text, TextArea } from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';
import type { KnowledgeBaseProgress } from '../../assistant/knowledge/knowledge-base-progress.ts';
import type { TestedQuestion } from '../../assistant/test-question.ts';
import { ActionResult } from './action-result.tsx';
import { CustomerText } from './customer-text.tsx';
import { useKnowledgeBase } from './use-knowledge-base.ts';

const ACCEPTED = '.csv,.txt,.md,.markdown,.pdf,text/csv,text/plain,text/markdown,application/pdf';

/** A knowledge base's page: its files and re-indexing with progress, and the "test a question" box. */
const KnowledgeBase = ({ record, resource }: ActionProps) => {
  const { translateMessage: tm } = useTranslation();
  const base = useKnowledgeBase(String(record?.id));
  const t = (key: string, options?: Record<string, unknown>) => tm(key, resource.id, options);
  return (
    <Box variant="white" data-knowledge-base>
      <ActionResult notice={base.notice} resourceId={resource.id} />
      {base.progress && <Progress progress={base.progress} t={t} />}
      <FormGroup>
        <Label htmlFor="knowledge-files">{t('assistant.knowledge.files')}</Label>
        <input
          id="knowledge-files"
          type="file"
          multiple
          accept={ACCEPTED}
          disabled={base.busy}
          onChange={(event) => void base.upload(Array.from(event.target.files ?? []))}
        />
        <Text variant="sm">{t('assistant.knowledge.filesHelp')}</Text>
      </FormGroup>
      <Button variant="outlined" onClick={() => void base.reindex()} disabled={base.busy} data-reindex>
        {t('assistant.knowledge.reindex')}
      </Button>
      <TestBox assistants={base.progress?.assistants ?? []} busy={base.busy} onTest={base.test} tested={base.tested} t={t} />
    </Box>
  );
};

type Translate = (key: string, options?: Record<string, unknown>) => string;

const Progress = ({ progress, t }: { progress: KnowledgeBaseProgress; t: Translate }) => (
  <Box mb="lg" data-index-status={progress.status}>
    <Text>{t(`assistant.knowledge.status.${progress.status}`, { done: progress.done, total: progress.total })}</Text>
    {(progress.status === 'queued' || progress.status === 'indexing') && (
      <progress max={Math.max(progress.total, 1)} value={progress.done} aria-label={t('assistant.knowledge.progress')} />
    )}
    {progress.error && <Text color="error">{progress.error}</Text>}
    <Text variant="sm">{t('assistant.knowledge.counts', { entries: progress.entries, documents: progress.documents, passages: progress.passages, count: progress.passages })}</Text>
  </Box>
);

const TestBox = (props: {
  assistants: { id: string; name: string }[];
  busy: boolean;
  tested: TestedQuestion | null;
  onTest: (question: string, assistantId: string) => Promise<void>;
  t: Translate;
}) => {
  const { t } = props;
  const [question, setQuestion] = useState('');
  const [assistantId, setAssistantId] = useState('');
  const options = props.assistants.map((assistant) => ({ value: assistant.id, label: assistant.name }));
  return (
    <Box mt="xl" data-test-box>
      <FormGroup>
        <Label htmlFor="knowledge-question">{t('assistant.knowledge.testQuestion')}</Label>
        <TextArea id="knowledge-question" dir="auto" width="100%" value={question} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => setQuestion(event.target.value)} />
      </FormGroup>
      <FormGroup>
        <Label>{t('assistant.knowledge.testWith')}</Label>
        <Select
          isClearable
          placeholder={t('assistant.knowledge.passagesOnly')}
          options={options}
          value={options.find((option) => option.value === assistantId) ?? null}
          onChange={(selected: { value: string } | null) => setAssistantId(selected?.value ?? '')}
        />
      </FormGroup>
      <Button variant="contained" onClick={() => void props.onTest(question, assistantId)} disabled={props.busy || !question.trim()} data-test-question>
        {t('assistant.knowledge.test')}
      </Button>
      {props.tested && <TestResult tested={props.tested} t={t} />}
    </Box>
  );
};

const TestResult = ({ tested, t }: { tested: TestedQuestion; t: Translate }) => (
  <Box mt="lg" data-test-result>
    {tested.answer && (
      <Box mb="lg" data-test-answer>
        <Label>{t('assistant.knowledge.answer')}</Label>
        {tested.answer.text ? <CustomerText text={tested.answer.text} /> : <Text>{t(`assistant.reason.${tested.answer.reason ?? 'no_passage'}`)}</Text>}
        <Text variant="sm">{t('assistant.knowledge.usage', { input: tested.answer.inputTokens, output: tested.answer.outputTokens, cost: (tested.answer.costMicros / 1e6).toFixed(6), currency: tested.answer.currency })}</Text>
      </Box>
    )}
    <Label>{t('assistant.knowledge.passages', { count: tested.passages.length })}</Label>
    {tested.passages.length === 0 && <Text>{t('assistant.knowledge.noPassage')}</Text>}
    <ol>
      {tested.passages.map((passage) => (
        <li key={passage.number} data-passage>
          <CustomerText text={passage.content} />
        </li>
      ))}
    </ol>
  </Box>
);

export default KnowledgeBase;
