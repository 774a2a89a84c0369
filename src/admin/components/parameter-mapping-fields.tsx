import React from 'react';
import { Box, FormGroup, Input, Label, Text } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import type { ParameterMapping } from '../../domain/campaign-kinds.js';
import type { BroadcastNumberChoice } from '../../campaigns/read/broadcast-choices.js';
import { Select } from './panel-section.ts';

const CONTACT_FIELDS = ['name', 'phone', 'crm_label'] as const;

export interface ParameterMappingProps {
  resourceId: string;
  template: BroadcastNumberChoice['templates'][number] | null;
  parameters: Record<string, ParameterMapping>;
  onChange(parameters: Record<string, ParameterMapping>): void;
  /** Columns of the recipients' rows (a broadcast's file or CRM audience); none for sequences. */
  columns: readonly string[];
  attributeKeys: readonly string[];
  /** Prefix of the fields' test ids (several template steps on one page). */
  testId?: string;
}

/** Where each of the template's parameters comes from: a fixed text, a field of the contact, or a column of the recipient's row. */
export const ParameterMappingFields = ({ resourceId, template, parameters, onChange, columns, attributeKeys, testId = 'parameter' }: ParameterMappingProps) => {
  const { translateMessage: tm } = useTranslation();
  const t = (key: string, options?: Record<string, string | number>) => tm(`campaigns.broadcast.${key}`, resourceId, options);
  if (!template || template.slots.length === 0) return null;
  const choose = (key: string, mapping: ParameterMapping) => onChange({ ...parameters, [key]: mapping });
  const contactFields = [...CONTACT_FIELDS, ...attributeKeys.map((k) => `attribute:${k}`)];

  return (
    <FormGroup>
      <Label>{t('parameters')}</Label>
      {template.slots.map((slot) => {
        const mapping = parameters[slot.key];
        const source = mapping?.source ?? '';
        return (
          <Box key={slot.key} flex flexDirection="row" style={{ gap: 8, alignItems: 'center' }} mb="sm" data-testid={`${testId}-${slot.key}`}>
            <Text style={{ minInlineSize: 120 }} dir="ltr">{`{{${slot.name}}}`}</Text>
            <Select aria-label={t('parameterSource', { name: slot.name })} value={source}
              onChange={(e) => {
                const next = e.target.value;
                if (next === 'text') choose(slot.key, { source: 'text', text: slot.example ?? '' });
                if (next === 'contact') choose(slot.key, { source: 'contact', field: 'name' });
                if (next === 'column') choose(slot.key, { source: 'column', column: columns[0] ?? '' });
              }}>
              <option value="">{t('chooseSource')}</option>
              <option value="text">{t('source.text')}</option>
              <option value="contact">{t('source.contact')}</option>
              {columns.length > 0 ? <option value="column">{t('source.column')}</option> : null}
            </Select>
            {mapping?.source === 'text' ? (
              <Input aria-label={t('parameterText', { name: slot.name })} dir="auto" value={mapping.text}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => choose(slot.key, { source: 'text', text: e.target.value })} />
            ) : null}
            {mapping?.source === 'contact' ? (
              <Select aria-label={t('parameterField', { name: slot.name })} value={mapping.field} onChange={(e) => choose(slot.key, { source: 'contact', field: e.target.value })}>
                {contactFields.map((field) => (
                  <option key={field} value={field}>
                    {field.startsWith('attribute:') ? field.slice('attribute:'.length) : t(`contactField.${field}`)}
                  </option>
                ))}
              </Select>
            ) : null}
            {mapping?.source === 'column' ? (
              <Select aria-label={t('parameterColumn', { name: slot.name })} value={mapping.column} onChange={(e) => choose(slot.key, { source: 'column', column: e.target.value })}>
                {columns.map((column) => <option key={column} value={column}>{column}</option>)}
              </Select>
            ) : null}
          </Box>
        );
      })}
    </FormGroup>
  );
};
