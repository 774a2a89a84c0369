import React from 'react';
import { Box } from '@adminjs/design-system';
import { TemplatePicker } from './conversation-template-picker.jsx';

// The sendTemplate action's page: the conversation view's template picker on its own.
const SendTemplate = ({ record }) => (
  <Box variant="white">
    <TemplatePicker recordId={record.id} />
  </Box>
);

export default SendTemplate;
