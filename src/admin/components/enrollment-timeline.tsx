import React, { useEffect, useState } from 'react';
import { Box, H4, Text } from '@adminjs/design-system';
import { styled } from '@adminjs/design-system/styled-components';
import { useTranslation, type ActionProps } from 'adminjs';
import type { TimelineLine } from '../../campaigns/read/enrollment-timeline-view.js';
import type { EnrollmentTimelineAnswer } from '../resources/enrollments.resource.js';
import { recordAction } from './action-client.ts';
import { CustomerText } from './customer-text.tsx';
import { formatDateTime, languageOf } from './message-format.ts';
import { themeColor } from './theme-tokens.ts';

const Lines = styled.ol`
  list-style: none;
  margin: 0;
  padding: 0;
  li { padding-block: 8px; border-block-end: 1px solid ${themeColor('grey20')}; }
  li:last-child { border-block-end: 0; }
  time { color: ${themeColor('grey60')}; font-size: 12px; }
`;

/** An enrollment's page: where it stands and its timeline (each step run, sent, skipped with why, waited, branched, ended). */
const EnrollmentTimelinePage = ({ resource, record }: ActionProps) => {
  const { translateMessage: tm, translateLabel, i18n } = useTranslation();
  const t = (key: string, options?: Record<string, string | number>) => tm(`campaigns.enrollment.${key}`, resource.id, options);
  const [answer, setAnswer] = useState<EnrollmentTimelineAnswer | null>(null);
  const language = languageOf(i18n);
  useEffect(() => {
    void recordAction<EnrollmentTimelineAnswer>({ resourceId: resource.id, recordId: record!.id, actionName: 'show' }).then(setAnswer);
  }, [record?.id]);
  const timeline = answer?.timeline;
  if (!timeline) return <Box variant="white">{tm('campaigns.broadcast.loading', resource.id)}</Box>;
  const when = (value: Date | string) => formatDateTime(String(value), language);

  const say = (line: TimelineLine): string => {
    const { details } = line;
    switch (line.kind) {
      case 'enrolled':
        return t('event.enrolled', { source: translateLabel(`source.${details.source ?? 'manual'}`, resource.id) });
      case 'waiting':
        return t('event.waiting', { until: details.until ? when(details.until) : '' });
      case 'branched':
        return t(details.holds ? 'event.branchedYes' : 'event.branchedNo', { condition: t(`condition.${details.condition ?? 'replied'}`) });
      case 'skipped':
        return `${t('event.skipped')} ${details.reason ? tm(details.reason, resource.id) : ''}`;
      case 'exited':
        return t('event.exited', { reason: translateLabel(`exitReason.${details.reason ?? 'manual'}`, resource.id) });
      default:
        return t(`event.${line.kind}`);
    }
  };

  return (
    <Box variant="white" data-testid="enrollment-timeline">
      <Text mb="default">
        {translateLabel(`status.${timeline.status}`, resource.id)}
        {timeline.status === 'active' && timeline.nextRunAt ? ` · ${t('nextRun', { at: when(timeline.nextRunAt) })}` : ''}
      </Text>
      <H4>{t('timeline')}</H4>
      <Lines>
        {timeline.lines.map((line, index) => (
          <li key={index} data-testid="timeline-line" data-kind={line.kind}>
            <time dateTime={String(line.at)}>{when(line.at)}</time>
            {line.stepNumber ? <Text as="span" mx="sm" color="grey60">{t('step', { number: line.stepNumber })}</Text> : null}
            <div>{say(line)}</div>
            {line.message ? (
              <Text color="grey60">
                {tm(`conversationView.status.${line.message.status}`, resource.id)}
                {line.message.body ? <> · <CustomerText text={line.message.body} /></> : null}
              </Text>
            ) : null}
          </li>
        ))}
      </Lines>
    </Box>
  );
};

export default EnrollmentTimelinePage;
