import React, { useEffect, useState } from 'react';
import { Box, H2, H3, Link, Loader, MessageBox, Text } from '@adminjs/design-system';
import { styled } from '@adminjs/design-system/styled-components';
import { ApiClient, useTranslation, ViewHelpers } from 'adminjs';

// The back office's home. Charts are plain CSS bars beside their numbers, inside real tables
// (a screen reader reads the figures; the bars are decoration). Only logical properties
// (inline/block, start/end): in Arabic the whole page mirrors without a special case.

const INBOUND = '#3040d6';
const OUTBOUND = '#128c4a';
const NEUTRAL = '#6b7280';
const FAILURE = '#c2410c';

const Grid = styled.div`
  display: grid;
  grid-template-columns: repeat(auto-fit, minmax(min(100%, 420px), 1fr));
  gap: 24px;
`;

const Card = styled.section`
  background: #fff;
  border-radius: 4px;
  padding-block: 20px;
  padding-inline: 24px;
  min-inline-size: 0;
`;

const Help = styled.p`
  color: ${NEUTRAL};
  font-size: 13px;
  line-height: 1.5;
  margin-block: 4px 16px;
`;

const Table = styled.table`
  inline-size: 100%;
  border-collapse: collapse;
  font-size: 13px;
  th, td {
    text-align: start;
    padding-block: 4px;
    padding-inline-end: 12px;
    vertical-align: middle;
  }
  th {
    color: ${NEUTRAL};
    font-weight: normal;
    border-block-end: 1px solid #e5e7eb;
  }
  td.number {
    text-align: end;
    font-variant-numeric: tabular-nums;
    white-space: nowrap;
  }
`;

const Scroll = styled.div`
  max-block-size: 320px;
  overflow-y: auto;
`;

const Track = styled.div`
  inline-size: 100%;
  min-inline-size: 60px;
  block-size: 10px;
  background: #f3f4f6;
  border-radius: 2px;
`;

const Columns = styled.div`
  display: flex;
  align-items: flex-end;
  gap: 3px;
  block-size: 120px;
  margin-block-end: 16px;
  border-block-end: 1px solid #e5e7eb;
`;

const Column = styled.div`
  flex: 1 1 0;
  display: flex;
  align-items: flex-end;
  gap: 1px;
  block-size: 100%;
`;

const Legends = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: 8px 24px;
  margin-block-end: 12px;
  font-size: 13px;
`;

const Legend = styled.span`
  display: inline-flex;
  align-items: center;
  gap: 6px;
`;

const Swatch = ({ color }) => <span aria-hidden="true" style={{ display: 'inline-block', inlineSize: 10, blockSize: 10, background: color }} />;

const Bar = ({ value, max, color }) => (
  <Track aria-hidden="true">
    <div style={{ inlineSize: `${max > 0 ? (100 * value) / max : 0}%`, blockSize: '100%', background: color, borderRadius: 2 }} />
  </Track>
);

const Headline = styled.div`
  font-size: 32px;
  font-weight: 600;
  margin-block: 8px;
`;

function browserTimeZone() {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone;
  } catch {
    return undefined;
  }
}

function useFormats(tm, language) {
  const number = new Intl.NumberFormat(language);
  const day = new Intl.DateTimeFormat(language, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  return {
    n: (value) => number.format(value),
    day: (iso) => day.format(new Date(`${iso}T00:00:00Z`)),
    duration(seconds) {
      const s = Math.round(seconds);
      if (s < 60) return tm('dashboard.duration.seconds', { seconds: number.format(s) });
      if (s < 600) return tm('dashboard.duration.minutesSeconds', { minutes: number.format(Math.floor(s / 60)), seconds: number.format(s % 60) });
      if (s < 3600) return tm('dashboard.duration.minutes', { minutes: number.format(Math.round(s / 60)) });
      if (s < 86400) {
        return tm('dashboard.duration.hoursMinutes', { hours: number.format(Math.floor(s / 3600)), minutes: number.format(Math.floor((s % 3600) / 60)) });
      }
      return tm('dashboard.duration.daysHours', { days: number.format(Math.floor(s / 86400)), hours: number.format(Math.floor((s % 86400) / 3600)) });
    },
  };
}

const MessagesPerDay = ({ days, tm, f }) => {
  const max = Math.max(1, ...days.flatMap((d) => [d.inbound, d.outbound]));
  const inbound = days.reduce((sum, d) => sum + d.inbound, 0);
  const outbound = days.reduce((sum, d) => sum + d.outbound, 0);
  return (
    <Card data-testid="chart-messages-per-day" aria-labelledby="dashboard-messages-per-day">
      <H3 id="dashboard-messages-per-day">{tm('dashboard.messagesPerDay.title')}</H3>
      <Help>{tm('dashboard.messagesPerDay.help', { days: days.length })}</Help>
      <Legends>
        <Legend><Swatch color={INBOUND} />{tm('dashboard.messagesPerDay.inbound')}: <strong data-testid="messages-inbound-total">{f.n(inbound)}</strong></Legend>
        <Legend><Swatch color={OUTBOUND} />{tm('dashboard.messagesPerDay.outbound')}: <strong data-testid="messages-outbound-total">{f.n(outbound)}</strong></Legend>
      </Legends>
      <Columns aria-hidden="true">
        {days.map((d) => (
          <Column key={d.day} title={`${f.day(d.day)}: ${f.n(d.inbound)} / ${f.n(d.outbound)}`}>
            <div style={{ flex: 1, blockSize: `${(100 * d.inbound) / max}%`, background: INBOUND }} />
            <div style={{ flex: 1, blockSize: `${(100 * d.outbound) / max}%`, background: OUTBOUND }} />
          </Column>
        ))}
      </Columns>
      <Scroll>
        <Table>
          <thead>
            <tr>
              <th scope="col">{tm('dashboard.messagesPerDay.day')}</th>
              <th scope="col" colSpan={2}>{tm('dashboard.messagesPerDay.inbound')}</th>
              <th scope="col" colSpan={2}>{tm('dashboard.messagesPerDay.outbound')}</th>
            </tr>
          </thead>
          <tbody>
            {[...days].reverse().map((d) => (
              <tr key={d.day} data-testid="messages-day" data-day={d.day}>
                <th scope="row" style={{ whiteSpace: 'nowrap' }}>{f.day(d.day)}</th>
                <td className="number" data-testid="messages-day-inbound">{f.n(d.inbound)}</td>
                <td style={{ inlineSize: '35%' }}><Bar value={d.inbound} max={max} color={INBOUND} /></td>
                <td className="number" data-testid="messages-day-outbound">{f.n(d.outbound)}</td>
                <td style={{ inlineSize: '35%' }}><Bar value={d.outbound} max={max} color={OUTBOUND} /></td>
              </tr>
            ))}
          </tbody>
        </Table>
      </Scroll>
    </Card>
  );
};

const OpenByAssignee = ({ rows, tm, f }) => {
  const max = Math.max(1, ...rows.map((r) => r.open));
  const h = new ViewHelpers();
  return (
    <Card data-testid="chart-open-by-assignee" aria-labelledby="dashboard-open-by-assignee">
      <H3 id="dashboard-open-by-assignee">{tm('dashboard.openByAssignee.title')}</H3>
      <Help>{tm('dashboard.openByAssignee.help')}</Help>
      {rows.length === 0 ? (
        <Text>{tm('dashboard.openByAssignee.none')}</Text>
      ) : (
        <Table>
          <thead>
            <tr>
              <th scope="col">{tm('dashboard.openByAssignee.assignee')}</th>
              <th scope="col" colSpan={2}>{tm('dashboard.openByAssignee.open')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.assigneeId ?? 'unassigned'} data-testid="open-assignee" data-assignee-id={r.assigneeId ?? ''}>
                <th scope="row">
                  {r.assigneeId ? (
                    <Link href={h.listUrl('whatsapp_conversations', `?filters.status=open&filters.assigneeId=${encodeURIComponent(r.assigneeId)}`)}>
                      {r.assigneeName}
                    </Link>
                  ) : (
                    <em>{tm('dashboard.openByAssignee.unassigned')}</em>
                  )}
                </th>
                <td className="number">{f.n(r.open)}</td>
                <td style={{ inlineSize: '55%' }}><Bar value={r.open} max={max} color={r.assigneeId ? INBOUND : NEUTRAL} /></td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
};

const FirstResponse = ({ figure, days, tm, f }) => (
  <Card data-testid="figure-first-response" aria-labelledby="dashboard-first-response">
    <H3 id="dashboard-first-response">{tm('dashboard.firstResponse.title')}</H3>
    <Headline data-testid="first-response-median">
      {figure.medianSeconds === null ? tm('dashboard.firstResponse.none') : f.duration(figure.medianSeconds)}
    </Headline>
    <Text>
      {tm('dashboard.firstResponse.answered')}: <strong>{f.n(figure.answered)}</strong>
      {' · '}
      {tm('dashboard.firstResponse.waiting')}: <strong>{f.n(figure.waiting)}</strong>
    </Text>
    <Help>{tm('dashboard.firstResponse.help', { days })}</Help>
  </Card>
);

const FailuresByReason = ({ rows, days, tm, f }) => {
  const max = Math.max(1, ...rows.map((r) => r.failures));
  return (
    <Card data-testid="chart-failures-by-reason" aria-labelledby="dashboard-failures">
      <H3 id="dashboard-failures">{tm('dashboard.failures.title')}</H3>
      <Help>{tm('dashboard.failures.help', { days })}</Help>
      {rows.length === 0 ? (
        <Text>{tm('dashboard.failures.none')}</Text>
      ) : (
        <Table>
          <thead>
            <tr>
              <th scope="col">{tm('dashboard.failures.reason')}</th>
              <th scope="col" colSpan={2}>{tm('dashboard.failures.count')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, index) => (
              <tr key={index} data-testid="failure-reason" data-error-code={r.errorCode ?? ''}>
                <th scope="row" style={{ fontWeight: 'normal' }}>
                  <div>{r.explanationKey ? tm(r.explanationKey) : (r.errorTitle ?? tm('dashboard.failures.unknownReason'))}</div>
                  {r.errorCode !== null || (r.explanationKey && r.errorTitle) ? (
                    <div style={{ color: NEUTRAL }}>
                      {r.errorCode !== null ? <>{tm('dashboard.failures.code')} {r.errorCode}</> : null}
                      {r.errorCode !== null && r.explanationKey && r.errorTitle ? ' · ' : ''}
                      {r.explanationKey && r.errorTitle ? <span dir="auto">{r.errorTitle}</span> : null}
                    </div>
                  ) : null}
                </th>
                <td className="number">{f.n(r.failures)}</td>
                <td style={{ inlineSize: '35%' }}><Bar value={r.failures} max={max} color={FAILURE} /></td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </Card>
  );
};

const WebhookEvents = ({ rows, days, tm, f }) => {
  const max = Math.max(1, ...rows.map((r) => r.events));
  return (
    <Card data-testid="chart-webhook-events" aria-labelledby="dashboard-webhook-events">
      <H3 id="dashboard-webhook-events">{tm('dashboard.webhookEvents.title')}</H3>
      <Help>{tm('dashboard.webhookEvents.help', { days })}</Help>
      <Table>
        <thead>
          <tr>
            <th scope="col">{tm('dashboard.webhookEvents.status')}</th>
            <th scope="col" colSpan={2}>{tm('dashboard.webhookEvents.events')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.status} data-testid="webhook-status" data-status={r.status}>
              <th scope="row" style={{ fontWeight: 'normal' }}>{tm(`dashboard.webhookEvents.statuses.${r.status}`)}</th>
              <td className="number">{f.n(r.events)}</td>
              <td style={{ inlineSize: '50%' }}><Bar value={r.events} max={max} color={r.status === 'processed' ? OUTBOUND : r.status === 'received' ? INBOUND : FAILURE} /></td>
            </tr>
          ))}
        </tbody>
      </Table>
    </Card>
  );
};

const Dashboard = () => {
  const { translateMessage: tm, i18n } = useTranslation();
  const [figures, setFigures] = useState(null);
  const [failed, setFailed] = useState(false);
  const f = useFormats(tm, i18n.language);

  useEffect(() => {
    new ApiClient().getDashboard({ params: { timeZone: browserTimeZone() } }).then(
      (response) => setFigures(response.data),
      () => setFailed(true),
    );
  }, []);

  if (failed) return <Box p="xxl"><MessageBox variant="danger" message={tm('dashboard.loadFailed')} /></Box>;
  if (!figures) return <Box p="xxl" aria-busy="true"><Loader /><Text>{tm('dashboard.loading')}</Text></Box>;
  const { inbox, webhookEventsByStatus: webhooks, days } = figures;
  return (
    <Box p="xxl" data-testid="dashboard">
      <H2>{tm('dashboard.title')}</H2>
      {inbox ? (
        <Text data-testid="dashboard-scope">{tm('dashboard.scope', { numbers: inbox.numbers.map((n) => n.name).join(', ') })}</Text>
      ) : null}
      <Text mb="xl" data-testid="dashboard-time-zone" style={{ color: NEUTRAL }}>{tm('dashboard.timeZone', { timeZone: figures.timeZone, days })}</Text>
      {!inbox ? <MessageBox data-testid="dashboard-no-inbox" message={tm('dashboard.noInbox')} /> : null}
      <Grid>
        {inbox ? <MessagesPerDay days={inbox.messagesPerDay} tm={tm} f={f} /> : null}
        {inbox ? <OpenByAssignee rows={inbox.openByAssignee} tm={tm} f={f} /> : null}
        {inbox ? <FirstResponse figure={inbox.firstResponse} days={days} tm={tm} f={f} /> : null}
        {inbox ? <FailuresByReason rows={inbox.failuresByReason} days={days} tm={tm} f={f} /> : null}
        {webhooks ? <WebhookEvents rows={webhooks} days={days} tm={tm} f={f} /> : null}
      </Grid>
    </Box>
  );
};

export default Dashboard;
