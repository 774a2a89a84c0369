import React, { useEffect, useRef } from 'react';
import { useTheme } from '@adminjs/design-system/styled-components';
import type { Theme } from '@adminjs/design-system';
import { BarController, BarElement, CategoryScale, Chart, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip } from 'chart.js';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Legend, Tooltip);

export interface ChartSeries {
  label: string;
  values: number[];
  color: keyof Theme['colors'];
  kind?: 'bar' | 'line';
}

interface ReportChartProps {
  labels: string[];
  series: ChartSeries[];
  /** Read by screen readers instead of the drawing (the table beside it holds the figures). */
  summary: string;
  stacked?: boolean;
  testId: string;
}

/** A Chart.js chart of the report's figures, in the theme's colours, mirrored in right-to-left pages. */
export const ReportChart = ({ labels, series, summary, stacked, testId }: ReportChartProps) => {
  const canvas = useRef<HTMLCanvasElement>(null);
  const theme = useTheme() as Theme;
  useEffect(() => {
    if (!canvas.current) return undefined;
    const rtl = document.documentElement.dir === 'rtl';
    const chart = new Chart(canvas.current, {
      type: 'bar',
      data: {
        labels,
        datasets: series.map((s) => ({
          type: s.kind ?? 'bar',
          label: s.label,
          data: s.values,
          backgroundColor: theme.colors[s.color],
          borderColor: theme.colors[s.color],
          ...(stacked ? { stack: 'all' } : {}),
        })),
      },
      options: {
        animation: false,
        maintainAspectRatio: false,
        locale: document.documentElement.lang || undefined,
        plugins: { legend: { rtl, position: 'bottom' }, tooltip: { rtl } },
        scales: { x: { reverse: rtl, stacked }, y: { beginAtZero: true, stacked, position: rtl ? 'right' : 'left', ticks: { precision: 0 } } },
      },
    });
    return () => chart.destroy();
  }, [labels, series, stacked, theme]);
  return (
    <div style={{ position: 'relative', blockSize: 240 }} data-testid={testId}>
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
};
