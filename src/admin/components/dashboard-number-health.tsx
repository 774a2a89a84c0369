import React from 'react';
import { ViewHelpers } from 'adminjs';
import { Box, MessageBox, Text } from '@adminjs/design-system';
import type { NumberHealthWarning } from '../../reports/number-health-warnings.js';
import { RESOURCE_IDS } from '../resource-ids.ts';
import { useDashboardText } from './use-dashboard-text.ts';

/**
 * Above the figures: each of the admin's numbers that cannot send, or that Meta warned about,
 * with the reason in words and a link to the number's page for who may open it.
 */
export const NumberHealthBanner = ({ warnings }: { warnings: NumberHealthWarning[] }) => {
  const { tm } = useDashboardText();
  if (warnings.length === 0) return null;
  const dateTime = (iso: string) => new Date(iso).toLocaleString(document.documentElement.lang || undefined, { dateStyle: 'medium', timeStyle: 'short' });
  return (
    <Box mb="xl" data-testid="number-health" role="region" aria-label={tm('dashboard.numberHealth.title')}>
      {warnings.map((warning) => (
        <MessageBox
          key={warning.accountId}
          mb="md"
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
          {warning.stopped ? (
            <Text>{tm('dashboard.numberHealth.stopped', { reason: tm(warning.stopped.reasonKey), since: dateTime(warning.stopped.since) })}</Text>
          ) : null}
          {warning.sendingProblem ? (
            <Text>
              {tm('dashboard.numberHealth.sendingProblem', {
                reason: warning.sendingProblem.explanationKey
                  ? tm(warning.sendingProblem.explanationKey)
                  : (warning.sendingProblem.message ?? tm('dashboard.numberHealth.unknownProblem')),
              })}
            </Text>
          ) : null}
          {warning.notices.map((notice) => (
            <Text key={`${notice.summaryKey}-${notice.occurredAt}`}>
              {tm('dashboard.numberHealth.notice', { notice: tm(notice.summaryKey), at: dateTime(notice.occurredAt) })}
            </Text>
          ))}
          {warning.canOpen ? (
            <a href={new ViewHelpers().showUrl(RESOURCE_IDS.accounts, encodeURIComponent(warning.accountId))}>{tm('dashboard.numberHealth.open')}</a>
          ) : null}
        </MessageBox>
      ))}
    </Box>
  );
};
