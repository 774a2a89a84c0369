import React from 'react';
import { Box, Button, FormGroup, Input, Label, Text, TextArea } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import type { BranchCondition, SequenceStep } from '../../domain/campaign-kinds.js';
import { ParameterMappingFields } from './parameter-mapping-fields.tsx';
import { Section, Select } from './panel-section.ts';
import type { SequenceEditorState } from './use-sequence-editor.ts';

/** Where a branch goes: the next step (absent), the end (null) or a step's id. */
const NEXT = '';
const END = '__end__';
/** Fields that share a row (a wait's amount, unit and time). */
const SIDE_BY_SIDE = { flex: '1 1 160px' };

/** One step of the sequence being written: its fields by kind, and move up / down / remove. */
export const SequenceStepFields = ({ editor, index, resourceId }: { editor: SequenceEditorState; index: number; resourceId: string }) => {
  const { translateMessage: tm } = useTranslation();
  const t = (key: string, options?: Record<string, string | number>) => tm(`campaigns.sequence.${key}`, resourceId, options);
  const steps = editor.definition.steps;
  const step = steps[index]!;
  const change = (next: SequenceStep) => editor.changeStep(index, next);
  const field = `step-${index + 1}`;

  const target = (value: string | null | undefined) => (value === undefined ? NEXT : value === null ? END : value);
  const fromTarget = (value: string) => (value === NEXT ? undefined : value === END ? null : value);
  const targetSelect = (label: string, value: string | null | undefined, onChange: (next: string | null | undefined) => void) => (
    <FormGroup>
      <Label htmlFor={`${field}-${label}`}>{t(label)}</Label>
      <Select id={`${field}-${label}`} value={target(value)} onChange={(e) => onChange(fromTarget(e.target.value))}>
        <option value={NEXT}>{t('nextStep')}</option>
        <option value={END}>{t('endSequence')}</option>
        {steps.map((s, i) => (i === index ? null : <option key={s.id} value={s.id}>{t('stepTitle', { number: i + 1 })}</option>))}
      </Select>
    </FormGroup>
  );

  const condition = (next: BranchCondition) => step.kind === 'branch' && change({ ...step, condition: next });

  return (
    <Section data-testid={field} style={{ marginBlockEnd: 12 }}>
      <Box flex flexDirection="row" style={{ gap: 8, alignItems: 'center', justifyContent: 'space-between' }}>
        <Text fontWeight="bold">{t('stepTitle', { number: index + 1 })} · {t(`stepKind.${step.kind}`)}</Text>
        <Box flex flexDirection="row" style={{ gap: 4 }}>
          <Button type="button" size="sm" variant="text" disabled={index === 0} onClick={() => editor.moveStep(index, -1)}>{t('moveUp')}</Button>
          <Button type="button" size="sm" variant="text" disabled={index === steps.length - 1} onClick={() => editor.moveStep(index, 1)}>{t('moveDown')}</Button>
          <Button type="button" size="sm" variant="text" color="danger" onClick={() => editor.removeStep(index)}>{t('removeStep')}</Button>
        </Box>
      </Box>
      {step.kind === 'template' ? (
        <>
          <FormGroup>
            <Label htmlFor={`${field}-template`} required>{t('template')}</Label>
            <Select id={`${field}-template`} value={step.templateId} onChange={(e) => change({ ...step, templateId: e.target.value, parameters: {} })}>
              <option value="">{t('chooseTemplate')}</option>
              {(editor.number?.templates ?? []).map((tpl) => <option key={tpl.id} value={tpl.id}>{tpl.name} ({tpl.language})</option>)}
            </Select>
          </FormGroup>
          <ParameterMappingFields resourceId={resourceId} testId={`${field}-parameter`} columns={[]} attributeKeys={editor.number?.attributeKeys ?? []}
            template={editor.number?.templates.find((tpl) => tpl.id === step.templateId) ?? null}
            parameters={step.parameters} onChange={(parameters) => change({ ...step, parameters })} />
        </>
      ) : null}
      {step.kind === 'wait' ? (
        <Box flex flexDirection="row" style={{ gap: 8, alignItems: 'flex-end', flexWrap: 'wrap' }}>
          <FormGroup style={SIDE_BY_SIDE}>
            <Label htmlFor={`${field}-amount`}>{t('waitAmount')}</Label>
            <Input id={`${field}-amount`} type="number" min={0} dir="ltr" value={step.amount}
              onChange={(e: React.ChangeEvent<HTMLInputElement>) => change({ ...step, amount: Number(e.target.value) })} />
          </FormGroup>
          <FormGroup style={SIDE_BY_SIDE}>
            <Label htmlFor={`${field}-unit`}>{t('waitUnit')}</Label>
            <Select id={`${field}-unit`} value={step.unit} onChange={(e) => {
              const unit = e.target.value === 'hours' ? 'hours' : 'days';
              change({ ...step, unit, atTime: unit === 'days' ? step.atTime : null });
            }}>
              <option value="hours">{t('unit.hours')}</option>
              <option value="days">{t('unit.days')}</option>
            </Select>
          </FormGroup>
          {step.unit === 'days' ? (
            <FormGroup style={SIDE_BY_SIDE}>
              <Label htmlFor={`${field}-at`}>{t('atTime')}</Label>
              <Input id={`${field}-at`} type="time" dir="ltr" value={step.atTime ?? ''}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => change({ ...step, atTime: e.target.value || null })} />
            </FormGroup>
          ) : null}
          <Text color="grey60" mb="lg" style={{ flexBasis: '100%' }}>{t('waitHint')}</Text>
        </Box>
      ) : null}
      {step.kind === 'wait_business_hours' ? <Text color="grey60" mt="sm">{t('businessHoursHint')}</Text> : null}
      {step.kind === 'branch' ? (
        <>
          <FormGroup>
            <Label htmlFor={`${field}-condition`}>{t('condition')}</Label>
            <Select id={`${field}-condition`} value={step.condition.kind} onChange={(e) => {
              const kind = e.target.value;
              condition(kind === 'label' ? { kind, label: '' } : kind === 'crm_field' ? { kind, field: '', value: '' } : { kind: 'replied' });
            }}>
              <option value="replied">{t('conditionKind.replied')}</option>
              <option value="label">{t('conditionKind.label')}</option>
              <option value="crm_field">{t('conditionKind.crm_field')}</option>
            </Select>
          </FormGroup>
          {step.condition.kind === 'label' ? (
            <FormGroup>
              <Label htmlFor={`${field}-label`}>{t('conditionLabel')}</Label>
              <Input id={`${field}-label`} dir="auto" value={step.condition.label}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => condition({ kind: 'label', label: e.target.value })} />
            </FormGroup>
          ) : null}
          {step.condition.kind === 'crm_field' ? (
            <Box flex flexDirection="row" style={{ gap: 8 }}>
              <FormGroup>
                <Label htmlFor={`${field}-field`}>{t('conditionField')}</Label>
                <Input id={`${field}-field`} dir="ltr" value={step.condition.field}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => step.condition.kind === 'crm_field' && condition({ ...step.condition, field: e.target.value })} />
              </FormGroup>
              <FormGroup>
                <Label htmlFor={`${field}-value`}>{t('conditionValue')}</Label>
                <Input id={`${field}-value`} dir="auto" value={step.condition.value}
                  onChange={(e: React.ChangeEvent<HTMLInputElement>) => step.condition.kind === 'crm_field' && condition({ ...step.condition, value: e.target.value })} />
              </FormGroup>
            </Box>
          ) : null}
          <Box flex flexDirection="row" style={{ gap: 8 }}>
            {targetSelect('then', step.thenStepId, (next) => change({ ...step, thenStepId: next }))}
            {targetSelect('else', step.elseStepId, (next) => change({ ...step, elseStepId: next }))}
          </Box>
        </>
      ) : null}
      {step.kind === 'text' ? (
        <FormGroup>
          <Label htmlFor={`${field}-text`} required>{t('text')}</Label>
          <TextArea id={`${field}-text`} dir="auto" rows={3} value={step.text} style={{ inlineSize: '100%' }}
            onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => change({ ...step, text: e.target.value })} />
          <Text color="grey60" mt="sm">{t('textHint')}</Text>
        </FormGroup>
      ) : null}
    </Section>
  );
};
