import React, { useEffect, useState } from 'react';
import { Box, Button, Text } from '@adminjs/design-system';
import type { ActionProps } from 'adminjs';
import { AVAILABILITIES, type Availability } from '../../domain/automation-kinds.ts';
import type { AvailabilityAnswer } from '../resources/availability-action.js';
import { formData, resourceAction } from './action-client.ts';
import { useReportsText } from './use-reports-text.ts';

/** The agent says whether they take conversations: online, away or offline (automatic assignment follows). */
const AvailabilityPanel = ({ resource }: ActionProps) => {
  const { tm } = useReportsText();
  const [availability, setAvailability] = useState<Availability | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    resourceAction<AvailabilityAnswer>({ resourceId: resource.id, actionName: 'availability' }).then((answer) => setAvailability(answer.availability));
  }, [resource.id]);
  const choose = async (next: Availability) => {
    setSaving(true);
    try {
      const answer = await resourceAction<AvailabilityAnswer>({ resourceId: resource.id, actionName: 'availability', method: 'post', data: formData({ availability: next }) });
      setAvailability(answer.availability);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Box p="xl" data-testid="availability">
      <Text mb="lg">{tm('automation.availability.help')}</Text>
      <Box flex style={{ gap: 8 }} role="radiogroup" aria-label={tm('automation.availability.title')}>
        {AVAILABILITIES.map((value) => (
          <Button
            key={value}
            role="radio"
            aria-checked={availability === value}
            variant={availability === value ? 'contained' : 'outlined'}
            disabled={saving}
            data-availability={value}
            onClick={() => void choose(value)}
          >
            {tm(`automation.availability.${value}`)}
          </Button>
        ))}
      </Box>
    </Box>
  );
};

export default AvailabilityPanel;
