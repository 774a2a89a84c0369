import React from 'react';
import { Box, Button, FormMessage, H5 } from '@adminjs/design-system';
import { BUTTON_TYPES, OTP_TYPES } from '../../domain/template-rules.ts';
import { buttonRows } from './template-form-values.ts';
import type { TemplateFormControls } from './use-template-form-controls.tsx';
import type { TemplateForm } from './use-template-form.ts';

/** The buttons, one row each with the fields its type needs; rows are added and removed freely. */
export const TemplateFormButtons = ({ form, controls }: { form: TemplateForm; controls: TemplateFormControls }) => {
  const { field, text, select, problem, tm } = controls;
  const { values } = form;
  const rows = buttonRows(values);
  const addButton = () => form.set(`buttons.${rows.length ? rows[rows.length - 1]! + 1 : 0}.type`, 'QUICK_REPLY');
  const removeButton = (row: number) => form.setValues((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !key.startsWith(`buttons.${row}.`))));
  return (
    <Box mt="xl">
      <H5>{tm('templates.form.buttons')}</H5>
      <FormMessage>{problem('buttons')}</FormMessage>
      {rows.map((row) => {
        const type = values[`buttons.${row}.type`];
        return (
          <Box key={row} mb="lg" p="default" border="default">
            {field(`buttons.${row}.type`, select(`buttons.${row}.type`, BUTTON_TYPES))}
            {type === 'OTP' ? null : text(`buttons.${row}.text`)}
            {type === 'URL' ? text(`buttons.${row}.url`, { placeholder: 'https://' }) : null}
            {type === 'URL' && /\{\{/.test(values[`buttons.${row}.url`] ?? '') ? text(`buttons.${row}.urlExample`) : null}
            {type === 'PHONE_NUMBER' ? text(`buttons.${row}.phoneNumber`, { placeholder: '+213…' }) : null}
            {type === 'COPY_CODE' ? text(`buttons.${row}.code`) : null}
            {type === 'FLOW' ? text(`buttons.${row}.flowId`) : null}
            {type === 'OTP' ? field(`buttons.${row}.otpType`, select(`buttons.${row}.otpType`, OTP_TYPES)) : null}
            <Button type="button" size="sm" variant="text" onClick={() => removeButton(row)}>
              {tm('templates.form.removeButton')}
            </Button>
          </Box>
        );
      })}
      <Button type="button" variant="outlined" onClick={addButton}>
        {tm('templates.form.addButton')}
      </Button>
    </Box>
  );
};
