import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Box, H2, Loader, MessageBox, Text } from '@adminjs/design-system';
import { FailuresByReason } from './dashboard-failures.tsx';
import { FirstResponseCard } from './dashboard-first-response.tsx';
import { MessagesPerDay } from './dashboard-messages-per-day.tsx';
import { NumberHealthBanner } from './dashboard-number-health.tsx';
import { OpenByAssignee } from './dashboard-open-by-assignee.tsx';
import { useDashboardFigures } from './use-dashboard-figures.ts';
import { useDashboardText } from './use-dashboard-text.ts';
import { WebhookEventsCard } from './dashboard-webhook-events.tsx';

const Grid = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr));
  gap: 24px;
`;

/** The back office's home: the inbox's figures over the last days, for the numbers the admin sees. */
const Dashboard = () => {
  const { tm } = useDashboardText();
  const { figures, failed } = useDashboardFigures();
  if (failed) {
    return (
      <Box p="xxl">
        <MessageBox variant="danger" message={tm('dashboard.loadFailed')} />
      </Box>
    );
  }
  if (!figures) {
    return (
      <Box p="xxl" aria-busy="true">
        <Loader />
        <Text>{tm('dashboard.loading')}</Text>
      </Box>
    );
  }
  const { inbox, webhookEventsByStatus: webhooks, days } = figures;
  return (
    <Box p="xxl" data-testid="dashboard">
      <H2>{tm('dashboard.title')}</H2>
      {inbox ? <Text data-testid="dashboard-scope">{tm('dashboard.scope', { numbers: inbox.numbers.map((n) => n.name).join(', ') })}</Text> : null}
      <Text mb="xl" data-testid="dashboard-time-zone" color="grey60">
        {tm('dashboard.timeZone', { timeZone: figures.timeZone, days })}
      </Text>
      {figures.failingEndpoints?.map((endpoint) => (
        <MessageBox key={endpoint.id} mb="lg" variant="danger" data-testid="dashboard-failing-endpoint" message={tm('dashboard.failingEndpoint', { name: endpoint.name, url: endpoint.url })} />
      ))}
      <NumberHealthBanner warnings={figures.numberHealth} />
      {!inbox ? <MessageBox data-testid="dashboard-no-inbox" message={tm('dashboard.noInbox')} /> : null}
      <Grid>
        {inbox ? <MessagesPerDay days={inbox.messagesPerDay} /> : null}
        {inbox ? <OpenByAssignee rows={inbox.openByAssignee} /> : null}
        {inbox ? <FirstResponseCard figure={inbox.firstResponse} days={days} /> : null}
        {inbox ? <FailuresByReason rows={inbox.failuresByReason} days={days} /> : null}
        {webhooks ? <WebhookEventsCard rows={webhooks} days={days} /> : null}
      </Grid>
    </Box>
  );
};

export default Dashboard;
