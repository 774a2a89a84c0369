import React from 'react';
import { ViewHelpers } from 'adminjs';
import { Box, MessageBox, Text } from '@adminjs/design-system';
import type { NumberHealthWarning } from '../../reports/number-health-warnings.js';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { useDashboardText } from './use-dashboard-text.ts';

interface NumberHealthBannerProps {
  warnings: NumberHealthWarning[];
  /** The Inbox's narrow list pane: one small box per number, its first reason only. */
  compact?: boolean;
}

/**
 * Each of the admin's numbers that cannot send, or that Meta warned about, with the reason in
 * words and a link to the number's page for who may open it: above the figures, and at the top
 * of the Inbox (where agents and managers arrive).
 */
export const NumberHealthBanner = ({ warnings, compact = false }: NumberHealthBannerProps) => {
  const { tm } = useDashboardText();
  if (warnings.length === 0) return null;
  const dateTime = (iso: string) => new Date(iso).toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });
  const reasons = (warning: NumberHealthWarning): string[] => [
    ...(warning.stopped ? [tm('dashboard.numberHealth.stopped', { reason: tm(warning.stopped.reasonKey), since: dateTime(warning.stopped.since) })] : []),
    ...(warning.sendingProblem
      ? [
          tm('dashboard.numberHealth.sendingProblem', {
            reason: warning.sendingProblem.explanationKey
              ? tm(warning.sendingProblem.explanationKey)
              : (warning.sendingProblem.message ?? tm('dashboard.numberHealth.unknownProblem')),
          }),
        ]
      : []),
    ...warning.notices.map((notice) => tm('dashboard.numberHealth.notice', { notice: tm(notice.summaryKey), at: dateTime(notice.occurredAt) })),
  ];
  return (
    <Box mb={compact ? 'sm' : 'xl'} data-testid="number-health" role="region" aria-label={tm('dashboard.numberHealth.title')}>
      {warnings.map((warning) => (
        <MessageBox
          key={warning.accountId}
          mb={compact ? 'sm' : 'md'}
          size={compact ? 'sm' : undefined}
          variant={warning.stopped || warning.sendingProblem ? 'danger' : 'warning'}
          data-testid={`number-health-${warning.accountId}`}
        >
          <Text fontWeight="bold">
            {warning.name}
            {warning.displayPhoneNumber ? (
              <>
                {' · '}
                <span dir="ltr">{warning.displayPhoneNumber}</span>
              </>
            ) : null}
          </Text>
          {(compact ? reasons(warning).slice(0, 1) : reasons(warning)).map((reason) => (
            <Text key={reason}>{reason}</Text>
          ))}
          {warning.canOpen ? (
            <a href={new ViewHelpers().showUrl(RESOURCE_IDS.accounts, encodeURIComponent(warning.accountId))}>{tm('dashboard.numberHealth.open')}</a>
          ) : null}
        </MessageBox>
      ))}
    </Box>
  );
};
