import React from 'react';
import { Box, Label, Text } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import type { RecipientPreview } from '../../campaigns/read/broadcast-preview.js';
import { CustomerText } from './customer-text.tsx';

/** The message as the first recipients would read it, with their own values (or which parameter they lack). */
export const BroadcastPreviewList = ({ preview, resourceId }: { preview: RecipientPreview[]; resourceId: string }) => {
  const { translateMessage: tm } = useTranslation();
  return (
    <Box mb="lg" data-testid="broadcast-preview">
      <Label>{tm('campaigns.broadcast.preview', resourceId)}</Label>
      {preview.map((p, index) => (
        <Box key={index} mb="sm" p="sm" style={{ borderInlineStart: '3px solid' }}>
          <Text fontWeight="bold">
            <span dir="ltr">{p.phone}</span>
            {p.name ? <> · <CustomerText text={p.name} /></> : null}
          </Text>
          {p.text ? (
            <Text dir="auto"><CustomerText text={p.text} /></Text>
          ) : (
            <Text color="error">{tm('campaigns.broadcast.previewMissing', resourceId, { slots: p.missing.join(', ') })}</Text>
          )}
        </Box>
      ))}
    </Box>
  );
};
