import React from 'react';
import type { BasePropertyProps } from 'adminjs';
import { styled } from '@adminjs/design-system/styled-components';
import { themeColor } from './theme-tokens.ts';
import { useReportsText } from './use-reports-text.ts';
import { useNow } from './use-now.ts';

const State = styled.span<{ $tone: 'error' | 'warning' | 'grey60' | 'grey100' }>`
  color: ${({ $tone, theme }) => theme.colors[$tone]};
  white-space: nowrap;
  font-size: 12px;
`;

const Muted = styled.span`
  color: ${themeColor('grey60')};
  white-space: nowrap;
  font-size: 12px;
`;

/**
 * The conversation's SLA timer due first (business time left, red once breached, "paused" while
 * the number is closed), else how long an unassigned customer has waited.
 */
const SlaCell = ({ record }: BasePropertyProps) => {
  const { tm, f } = useReportsText();
  const now = useNow(undefined);
  const params = record?.params ?? {};
  const target = params.slaTarget as string | null | undefined;
  if (target) {
    const remaining = Number(params.slaRemainingSeconds);
    const breached = params.slaBreached === true || params.slaBreached === 'true' || remaining < 0;
    const paused = params.slaPaused === true || params.slaPaused === 'true';
    const tone = breached ? 'error' : params.slaWarned === true || params.slaWarned === 'true' ? 'warning' : 'grey100';
    const label = tm(`reports.sla.target.${target}`);
    return (
      <State $tone={tone} data-testid="sla-cell" data-sla-state={breached ? 'breached' : paused ? 'paused' : 'running'}>
        {breached
          ? tm('automation.sla.breached', { target: label, late: f.seconds(Math.abs(remaining)) })
          : tm(paused ? 'automation.sla.paused' : 'automation.sla.dueIn', { target: label, left: f.seconds(remaining) })}
      </State>
    );
  }
  const waitingSince = params.waitingSince as string | null | undefined;
  if (waitingSince && !params.assigneeId) {
    return <Muted data-testid="waiting-cell">{tm('automation.waiting', { waited: f.seconds(Math.max(0, (now - Date.parse(waitingSince)) / 1000)) })}</Muted>;
  }
  return null;
};

export default SlaCell;
