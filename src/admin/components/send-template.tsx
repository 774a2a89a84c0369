import React from 'react';
import { Box } from '@adminjs/design-system';
import type { ActionProps } from 'adminjs';
import { TemplatePicker } from './template-picker.tsx';

/** The sendTemplate action's page: the conversation view's template picker on its own. */
const SendTemplate = ({ record }: Pick<ActionProps, 'record'>) => (
  <Box variant="white">
    <TemplatePicker recordId={record!.id} />
  </Box>
);

export default SendTemplate;
