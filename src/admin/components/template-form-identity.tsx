import React from 'react';
import { MessageBox } from '@adminjs/design-system';
import { PARAMETER_FORMATS, TEMPLATE_CATEGORIES } from '../../domain/template-rules.ts';
import { accountChoices } from './account-choices.ts';
import type { TemplateFormControls } from './use-template-form-controls.tsx';
import type { TemplateForm } from './use-template-form.ts';

/** Which number, name and language (fixed once created), category and parameter style; and a problem of the whole draft. */
export const TemplateFormIdentity = ({ form, controls }: { form: TemplateForm; controls: TemplateFormControls }) => {
  const { field, text, select, choose, problem } = controls;
  return (
    <>
      {form.errors.draft ? <MessageBox mb="xl" variant="danger" message={problem('draft') ?? ''} /> : null}
      {form.editing ? null : field('accountId', choose('accountId', accountChoices(form.accounts)))}
      {text('name', { disabled: form.editing })}
      {text('language', { disabled: form.editing, placeholder: 'fr, en_US, ar' })}
      {field('category', select('category', TEMPLATE_CATEGORIES))}
      {field('parameterFormat', select('parameterFormat', PARAMETER_FORMATS))}
    </>
  );
};
