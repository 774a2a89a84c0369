import React from 'react';
import { Box, Button, FormGroup } from '@adminjs/design-system';
import type { ActionProps } from 'adminjs';
import { TemplateFormBody } from './template-form-body.tsx';
import { TemplateFormButtons } from './template-form-buttons.tsx';
import { TemplateFormHeader } from './template-form-header.tsx';
import { TemplateFormIdentity } from './template-form-identity.tsx';
import { useTemplateFormControls } from './use-template-form-controls.tsx';
import { useTemplateForm } from './use-template-form.ts';

/**
 * A template to create or edit, field by field (never JSON): the server checks it against Meta's
 * rules and sends it to Meta, or points each problem at its field.
 */
const TemplateForm = (props: ActionProps) => {
  const form = { ...useTemplateForm(props), resourceId: props.resource.id };
  const controls = useTemplateFormControls(form);
  const authentication = form.values.category === 'AUTHENTICATION';
  return (
    <Box as="form" variant="white" onSubmit={form.submit}>
      <TemplateFormIdentity form={form} controls={controls} />
      {authentication ? null : <TemplateFormHeader form={form} controls={controls} />}
      <TemplateFormBody form={form} controls={controls} />
      <TemplateFormButtons form={form} controls={controls} />
      {form.editing ? null : <FormGroup mt="xl">{controls.checkbox('allowCategoryChange')}</FormGroup>}
      <Box mt="xl">
        <Button type="submit" variant="contained" disabled={form.busy}>
          {controls.tm('templates.form.submit')}
        </Button>
      </Box>
    </Box>
  );
};

export default TemplateForm;
