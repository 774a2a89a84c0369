import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { H3, Text } from '@adminjs/design-system';
import type { FirstResponse } from '../../reports/dashboard-figures.js';
import { Card, Help } from './dashboard-parts.tsx';
import { useDashboardText } from './use-dashboard-text.ts';

const Headline = styled.div`
  font-size: 32px;
  font-weight: 600;
  margin-block: 8px;
`;

/** The median time to a first answer, with how many were answered and how many still wait. */
export const FirstResponseCard = ({ figure, days }: { figure: FirstResponse; days: number }) => {
  const { tm, f } = useDashboardText();
  return (
    <Card data-testid="figure-first-response" aria-labelledby="dashboard-first-response">
      <H3 id="dashboard-first-response">{tm('dashboard.firstResponse.title')}</H3>
      <Headline data-testid="first-response-median">{figure.medianSeconds === null ? tm('dashboard.firstResponse.none') : f.duration(figure.medianSeconds)}</Headline>
      <Text>
        {tm('dashboard.firstResponse.answered')}: <strong>{f.n(figure.answered)}</strong>
        {' · '}
        {tm('dashboard.firstResponse.waiting')}: <strong>{f.n(figure.waiting)}</strong>
      </Text>
      <Help>{tm('dashboard.firstResponse.help', { days })}</Help>
    </Card>
  );
};
