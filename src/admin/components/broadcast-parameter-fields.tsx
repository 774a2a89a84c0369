import React from 'react';
import { Box, FormGroup, Input, Label, Text } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import type { ParameterMapping } from '../../domain/campaign-kinds.js';
import { Select } from './panel-section.ts';
import type { BroadcastEditorState } from './use-broadcast-editor.ts';

const CONTACT_FIELDS = ['name', 'phone', 'crm_label'] as const;

/** Where each of the template's parameters comes from: a fixed text, a field of the contact, or a column of the recipient's row. */
export const BroadcastParameterFields = ({ editor, resourceId }: { editor: BroadcastEditorState; resourceId: string }) => {
  const { translateMessage: tm } = useTranslation();
  const t = (key: string, options?: Record<string, string | number>) => tm(`campaigns.broadcast.${key}`, resourceId, options);
  const { template, fields, set, columns, number } = editor;
  if (!template || template.slots.length === 0) return null;
  const choose = (key: string, mapping: ParameterMapping) => set('parameters', { ...fields.parameters, [key]: mapping });
  const contactFields = [...CONTACT_FIELDS, ...(number?.attributeKeys ?? []).map((k) => `attribute:${k}`)];

  return (
    <FormGroup>
      <Label>{t('parameters')}</Label>
      {template.slots.map((slot) => {
        const mapping = fields.parameters[slot.key];
        const source = mapping?.source ?? '';
        return (
          <Box key={slot.key} flex flexDirection="row" style={{ gap: 8, alignItems: 'center' }} mb="sm" data-testid={`parameter-${slot.key}`}>
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
