import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import type { MessagesOnDay } from '../../reports/dashboard-figures.js';
import { ChartCard } from './dashboard-chart-card.tsx';
import { BarCell, CHART, FigureTable, Swatch, type ChartColor } from './dashboard-parts.tsx';
import { themeColor } from './theme-tokens.ts';
import { useDashboardText } from './use-dashboard-text.ts';

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

const Columns = styled.div`
  display: flex;
  align-items: flex-end;
  gap: 3px;
  block-size: 120px;
  margin-block-end: 16px;
  border-block-end: 1px solid ${themeColor('border')};
`;

const Column = styled.div`
  flex: 1 1 0;
  display: flex;
  align-items: flex-end;
  gap: 1px;
  block-size: 100%;
`;

const Half = styled.div<{ $color: ChartColor }>`
  flex: 1;
  background: ${({ $color, theme }) => theme.colors[$color]};
`;

const Scroll = styled.div`
  max-block-size: 320px;
  overflow-y: auto;
`;

/** Messages received and sent per day, as columns and as a table (newest day first). */
export const MessagesPerDay = ({ days }: { days: MessagesOnDay[] }) => {
  const { tm, f } = useDashboardText();
  const max = Math.max(1, ...days.flatMap((d) => [d.inbound, d.outbound]));
  const total = (direction: 'inbound' | 'outbound') => days.reduce((sum, d) => sum + d[direction], 0);
  return (
    <ChartCard id="dashboard-messages-per-day" testId="chart-messages-per-day" title={tm('dashboard.messagesPerDay.title')} help={tm('dashboard.messagesPerDay.help', { days: days.length })}>
      <Legends>
        <Legend><Swatch aria-hidden="true" $color={CHART.inbound} />{tm('dashboard.messagesPerDay.inbound')}: <strong data-testid="messages-inbound-total">{f.n(total('inbound'))}</strong></Legend>
        <Legend><Swatch aria-hidden="true" $color={CHART.outbound} />{tm('dashboard.messagesPerDay.outbound')}: <strong data-testid="messages-outbound-total">{f.n(total('outbound'))}</strong></Legend>
      </Legends>
      <Columns aria-hidden="true">
        {days.map((d) => (
          <Column key={d.day} title={`${f.day(d.day)}: ${f.n(d.inbound)} / ${f.n(d.outbound)}`}>
            <Half $color={CHART.inbound} style={{ blockSize: `${(100 * d.inbound) / max}%` }} />
            <Half $color={CHART.outbound} style={{ blockSize: `${(100 * d.outbound) / max}%` }} />
          </Column>
        ))}
      </Columns>
      <Scroll>
        <FigureTable>
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
                <BarCell share="35%" value={d.inbound} max={max} color={CHART.inbound} />
                <td className="number" data-testid="messages-day-outbound">{f.n(d.outbound)}</td>
                <BarCell share="35%" value={d.outbound} max={max} color={CHART.outbound} />
              </tr>
            ))}
          </tbody>
        </FigureTable>
      </Scroll>
    </ChartCard>
  );
};
