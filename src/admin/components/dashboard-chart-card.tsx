import React, { type ReactNode } from 'react';
import { H3 } from '@adminjs/design-system';
import { Card, Help } from './dashboard-parts.tsx';

interface ChartCardProps {
  /** The heading's id, which labels the card for screen readers. */
  id: string;
  testId: string;
  title: string;
  help: string;
  children: ReactNode;
}

/** One figure of the dashboard: its title, what it counts, and the figure. */
export const ChartCard = ({ id, testId, title, help, children }: ChartCardProps) => (
  <Card data-testid={testId} aria-labelledby={id}>
    <H3 id={id}>{title}</H3>
    <Help>{help}</Help>
    {children}
  </Card>
);
