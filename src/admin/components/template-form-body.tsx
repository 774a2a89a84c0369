import React from 'react';
import { Box, FormGroup, H5, Text, TextArea } from '@adminjs/design-system';
import type { TemplateFormControls } from './use-template-form-controls.tsx';
import type { TemplateForm } from './use-template-form.ts';

/** The body with its examples and footer; an authentication template's body is Meta's, with its options instead. */
export const TemplateFormBody = ({ form, controls }: { form: TemplateForm; controls: TemplateFormControls }) => {
  const { field, text, examples, checkbox, tm } = controls;
  const authentication = form.values.category === 'AUTHENTICATION';
  return (
    <Box mt="xl">
      <H5>{tm('templates.form.body')}</H5>
      {authentication ? (
        <FormGroup>{checkbox('addSecurityRecommendation')}</FormGroup>
      ) : (
        field('bodyText', <TextArea rows={6} width={1} value={form.values.bodyText ?? ''} onChange={(event: React.ChangeEvent<HTMLTextAreaElement>) => form.set('bodyText', event.target.value)} />)
      )}
      {authentication ? null : <Text mb="lg">{tm('templates.form.examplesHint', { positional: '{{1}}, {{2}}', named: '{{first_name}}' })}</Text>}
      {authentication ? null : examples('bodyExamples', 'bodyText')}
      {authentication ? text('codeExpirationMinutes', { type: 'number', min: 1, max: 90 }) : text('footerText')}
    </Box>
  );
};
