import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { SlaTimerView } from '../../automation/sla-timers.js';
import { PanelField } from './panel-field.tsx';
import { useReportsText } from './use-reports-text.ts';

const Timer = styled.div<{ $tone: 'error' | 'warning' | 'grey100' }>`
  color: ${({ $tone, theme }) => theme.colors[$tone]};
`;

/** The conversation's running SLA timers beside the thread: business time left, paused while closed, red once breached. */
export const SlaTimers = ({ timers }: { timers: SlaTimerView[] }) => {
  const { tm, f } = useReportsText();
  if (timers.length === 0) return null;
  return (
    <PanelField label={tm('automation.sla.title')} testId="panel-sla">
      {timers.map((timer) => {
        const target = tm(`reports.sla.target.${timer.kind}`);
        const remaining = timer.remainingSeconds ?? 0;
        const breached = timer.breached || remaining < 0;
        return (
          <Timer key={timer.kind} $tone={breached ? 'error' : timer.warned ? 'warning' : 'grey100'} data-sla-kind={timer.kind} data-sla-state={breached ? 'breached' : timer.paused ? 'paused' : 'running'}>
            {breached
              ? tm('automation.sla.breached', { target, late: f.seconds(Math.abs(remaining)) })
              : tm(timer.paused ? 'automation.sla.paused' : 'automation.sla.dueIn', { target, left: f.seconds(remaining) })}
          </Timer>
        );
      })}
    </PanelField>
  );
};
