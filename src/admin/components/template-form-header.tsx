import React from 'react';
import { Box, H5 } from '@adminjs/design-system';
import { HEADER_FORMATS, type HeaderFormat } from '../../domain/template-rules.ts';
import type { TemplateFormControls } from './use-template-form-controls.tsx';
import type { TemplateForm } from './use-template-form.ts';

const MEDIA_HEADERS: readonly string[] = ['IMAGE', 'VIDEO', 'DOCUMENT'] satisfies HeaderFormat[];

/** The optional header: a text with its examples, or a sample file's handle for a media header. */
export const TemplateFormHeader = ({ form, controls }: { form: TemplateForm; controls: TemplateFormControls }) => {
  const { field, text, select, examples, tm } = controls;
  const format = form.values.headerFormat ?? '';
  return (
    <Box mt="xl">
      <H5>{tm('templates.form.header')}</H5>
      {field('headerFormat', select('headerFormat', ['', ...HEADER_FORMATS]))}
      {format === 'TEXT' ? text('headerText') : null}
      {format === 'TEXT' ? examples('headerExamples', 'headerText') : null}
      {MEDIA_HEADERS.includes(format) ? text('headerHandle') : null}
    </Box>
  );
};
