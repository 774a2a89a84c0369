import React from 'react';
import { Box, Label } from '@adminjs/design-system';

// Shows a webhook's raw body indented. React renders it as text: nothing in it can run.
const RawBody = ({ record, property }) => {
  const raw = record.params[property.path] ?? '';
  let pretty = raw;
  try {
    pretty = JSON.stringify(JSON.parse(raw), null, 2);
  } catch {
    // Unparseable deliveries are shown exactly as received.
  }
  return (
    <Box mb="xl">
      <Label>{property.label}</Label>
      <pre style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', background: '#f6f7f9', padding: 12, borderRadius: 4, maxHeight: 600, overflow: 'auto' }}>
        {pretty}
      </pre>
    </Box>
  );
};

export default RawBody;
