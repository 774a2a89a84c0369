import React from 'react';
import { Box, Button, H3, Label, Text } from '@adminjs/design-system';
import { styled } from '@adminjs/design-system/styled-components';
import { useTranslation, type ActionProps } from 'adminjs';
import { rootPath } from './admin-paths.ts';
import { themeColor } from './theme-tokens.ts';
import { useBroadcastProgress } from './use-broadcast-progress.ts';

const Bar = styled.div`
  block-size: 14px;
  border-radius: 7px;
  background: ${themeColor('grey20')};
  overflow: hidden;
  display: flex;
`;
const Part = styled.div<{ $tone: 'success' | 'primary60' | 'error' | 'grey40' }>`
  background: ${({ $tone, theme }) => theme.colors[$tone]};
`;
const Counts = styled.dl`
  display: grid;
  grid-template-columns: repeat(auto-fill, minmax(130px, 1fr));
  gap: 12px;
  margin: 16px 0;
  dd { font-size: 22px; font-weight: 700; margin: 0; }
  dt { color: ${themeColor('grey60')}; }
`;

/** A broadcast's page: its progress bar and counts (refreshed every 2 s), failures and skips by reason, pause / resume / cancel, the results as CSV. */
const BroadcastProgressPage = ({ resource, record }: ActionProps) => {
  const { translateMessage: tm, translateLabel } = useTranslation();
  const t = (key: string, options?: Record<string, string | number>) => tm(`campaigns.broadcast.${key}`, resource.id, options);
  const { progress, busy, control } = useBroadcastProgress(resource.id, record!.id);
  if (!progress) return <Box variant="white">{t('loading')}</Box>;
  const { total } = progress;
  const share = (n: number) => `${total === 0 ? 0 : (100 * n) / total}%`;
  const counts: [string, number][] = [
    ['total', total], ['pending', progress.pending], ['queued', progress.queued], ['sent', progress.sent], ['delivered', progress.delivered],
    ['read', progress.read], ['replied', progress.replied], ['failed', progress.failed], ['skipped', progress.skipped],
  ];
  const done = progress.sent + progress.failed + progress.skipped;

  return (
    <Box variant="white" data-testid="broadcast-progress">
      <H3 dir="auto">{progress.name}</H3>
      <Text mb="default" data-testid="broadcast-status">
        {translateLabel(`status.${progress.status}`, resource.id)} · {t('progressShare', { percent: total === 0 ? 0 : Math.floor((100 * done) / total) })}
      </Text>
      {progress.pausedReason ? <Text color="error" mb="default">{tm(progress.pausedReason, resource.id)}</Text> : null}
      <Bar role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={done}>
        <Part $tone="success" style={{ inlineSize: share(progress.delivered) }} />
        <Part $tone="primary60" style={{ inlineSize: share(progress.sent - progress.delivered) }} />
        <Part $tone="error" style={{ inlineSize: share(progress.failed) }} />
        <Part $tone="grey40" style={{ inlineSize: share(progress.skipped) }} />
      </Bar>
      <Counts>
        {counts.map(([key, value]) => (
          <div key={key} data-testid={`count-${key}`}>
            <dt>{t(`count.${key}`)}</dt>
            <dd>{value.toLocaleString()}</dd>
          </div>
        ))}
      </Counts>
      {progress.failedByReason.length > 0 ? (
        <Box mb="default">
          <Label>{t('failedByReason')}</Label>
          {progress.failedByReason.map((f) => (
            <Text key={f.reason}>{tm(f.reason, resource.id)}{f.code ? ` (${f.code})` : ''}: {f.count}</Text>
          ))}
        </Box>
      ) : null}
      {progress.skippedByReason.length > 0 ? (
        <Box mb="default">
          <Label>{t('skippedByReason')}</Label>
          {progress.skippedByReason.map((s) => (
            <Text key={s.reason}>{tm(`campaigns.skipReason.${s.reason}`, resource.id)}: {s.count}</Text>
          ))}
        </Box>
      ) : null}
      <Box flex flexDirection="row" style={{ gap: 8 }}>
        {progress.status === 'sending' || progress.status === 'scheduled' ? (
          <Button variant="outlined" disabled={busy} onClick={() => void control('pause')} data-testid="broadcast-pause">{t('pause')}</Button>
        ) : null}
        {progress.status === 'paused' ? (
          <Button variant="contained" disabled={busy} onClick={() => void control('resume')} data-testid="broadcast-resume">{t('resume')}</Button>
        ) : null}
        {progress.status !== 'completed' && progress.status !== 'cancelled' && progress.status !== 'draft' ? (
          <Button variant="danger" disabled={busy} onClick={() => window.confirm(t('cancelConfirm')) && void control('cancel')} data-testid="broadcast-cancel">{t('cancel')}</Button>
        ) : null}
        <Button as="a" variant="text" href={`${rootPath()}/whatsapp/broadcasts/${encodeURIComponent(record!.id)}/results.csv`} data-testid="broadcast-export">
          {t('export')}
        </Button>
      </Box>
    </Box>
  );
};

export default BroadcastProgressPage;
