import React, { useState } from 'react';
import { Box, Button, FormGroup, H4, Input, Label, Text } from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';
import { STEP_KINDS, type StepKind } from '../../domain/campaign-kinds.ts';
import { Select } from './panel-section.ts';
import { SequenceStepFields } from './sequence-step-fields.tsx';
import { useSequenceEditor } from './use-sequence-editor.ts';

/** The sequence editor (new and edit): number, steps, what enrols a contact by itself, when they leave; save. */
const SequenceEditor = (props: ActionProps) => {
  const editor = useSequenceEditor(props);
  const { translateMessage: tm } = useTranslation();
  const [kind, setKind] = useState<StepKind>('template');
  const t = (key: string, options?: Record<string, string | number>) => tm(`campaigns.sequence.${key}`, props.resource.id, options);
  const { page, definition, set, trigger, setTrigger } = editor;
  if (!page) return <Box variant="white">{tm('campaigns.broadcast.loading', props.resource.id)}</Box>;
  if (page.choices.numbers.length === 0) return <Box variant="white">{tm('campaigns.broadcast.noNumber', props.resource.id)}</Box>;
  const keyword = trigger('keyword');
  const label = trigger('label_added');
  const check = (kind: 'lead_created' | 'api') => (
    <label>
      <input type="checkbox" checked={Boolean(trigger(kind))} onChange={(e) => setTrigger(kind, e.target.checked ? { kind } : null)} /> {t(`trigger.${kind}`)}
    </label>
  );

  return (
    <Box variant="white" data-testid="sequence-editor">
      <FormGroup>
        <Label htmlFor="sequence-name" required>{t('name')}</Label>
        <Input id="sequence-name" dir="auto" value={definition.name} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('name', e.target.value)} />
      </FormGroup>
      <Box flex flexDirection="row" style={{ gap: 8 }}>
        <FormGroup style={{ flex: 1 }}>
          <Label htmlFor="sequence-number">{t('number')}</Label>
          <Select id="sequence-number" value={definition.accountId} disabled={Boolean(editor.sequenceId)} onChange={(e) => set('accountId', e.target.value)}>
            {page.choices.numbers.map((n) => <option key={n.id} value={n.id}>{n.name}</option>)}
          </Select>
        </FormGroup>
        <FormGroup style={{ flex: 1 }}>
          <Label htmlFor="sequence-status">{t('status')}</Label>
          <Select id="sequence-status" value={definition.status} onChange={(e) => set('status', e.target.value === 'paused' ? 'paused' : 'active')}>
            <option value="active">{t('statusValue.active')}</option>
            <option value="paused">{t('statusValue.paused')}</option>
          </Select>
        </FormGroup>
      </Box>

      <H4 mt="lg">{t('steps')}</H4>
      {definition.steps.length === 0 ? <Text color="grey60" mb="default">{t('noSteps')}</Text> : null}
      {definition.steps.map((step, index) => <SequenceStepFields key={step.id} editor={editor} index={index} resourceId={props.resource.id} />)}
      <Box flex flexDirection="row" style={{ gap: 8, alignItems: 'center' }} mb="lg">
        <Select aria-label={t('stepKindLabel')} value={kind} onChange={(e) => setKind(e.target.value as StepKind)} style={{ inlineSize: 'auto' }}>
          {STEP_KINDS.map((k) => <option key={k} value={k}>{t(`stepKind.${k}`)}</option>)}
        </Select>
        <Button type="button" variant="outlined" onClick={() => editor.addStep(kind)} data-testid="sequence-add-step">{t('addStep')}</Button>
      </Box>

      <H4>{t('triggers')}</H4>
      <Text color="grey60" mb="sm">{t('triggersHint')}</Text>
      <Box flex flexDirection="column" style={{ gap: 8 }} mb="lg">
        {check('lead_created')}
        <label>
          <input type="checkbox" checked={Boolean(keyword)} onChange={(e) => setTrigger('keyword', e.target.checked ? { kind: 'keyword', keywords: [] } : null)} /> {t('trigger.keyword')}
        </label>
        {keyword ? (
          <Input aria-label={t('keywords')} dir="auto" placeholder={t('keywordsHint')} value={keyword.keywords.join(', ')}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTrigger('keyword', { kind: 'keyword', keywords: e.target.value.split(',').map((w) => w.trimStart()) })} />
        ) : null}
        <label>
          <input type="checkbox" checked={Boolean(label)} onChange={(e) => setTrigger('label_added', e.target.checked ? { kind: 'label_added', label: '' } : null)} /> {t('trigger.label_added')}
        </label>
        {label ? (
          <Input aria-label={t('triggerLabel')} dir="auto" value={label.label}
            onChange={(e: React.ChangeEvent<HTMLInputElement>) => setTrigger('label_added', { kind: 'label_added', label: e.target.value })} />
        ) : null}
        {check('api')}
      </Box>

      <H4>{t('exits')}</H4>
      <Box flex flexDirection="column" style={{ gap: 8 }} mb="lg">
        <label>
          <input type="checkbox" checked={definition.exitOnReply} onChange={(e) => set('exitOnReply', e.target.checked)} /> {t('exitOnReply')}
        </label>
        <label>
          <input type="checkbox" checked={definition.exitOnResolve} onChange={(e) => set('exitOnResolve', e.target.checked)} /> {t('exitOnResolve')}
        </label>
        <Text color="grey60">{t('exitOnOptOut')}</Text>
      </Box>

      {editor.problems.length > 0 ? (
        <Box mb="lg" data-testid="sequence-problems">
          {editor.problems.map((problem) => <Text key={problem} color="error">{tm(problem, props.resource.id)}</Text>)}
        </Box>
      ) : null}
      <Button type="button" variant="contained" disabled={editor.busy} onClick={() => void editor.save()} data-testid="sequence-save">{t('save')}</Button>
    </Box>
  );
};

export default SequenceEditor;
