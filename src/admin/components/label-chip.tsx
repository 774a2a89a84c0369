import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { labelSwatch } from '../../domain/label-colours.ts';
import type { LabelView } from '../../conversations/read/conversation-labels.js';

const Chip = styled.span<{ $swatch: string }>`
  display: inline-flex;
  align-items: center;
  gap: 4px;
  max-inline-size: 140px;
  padding: 0 7px;
  border-radius: 9px;
  font-size: 11px;
  line-height: 18px;
  font-weight: 600;
  color: #fff;
  background: ${({ $swatch }) => $swatch};
  white-space: nowrap;
  overflow: hidden;
  text-overflow: ellipsis;
`;

const Remove = styled.button`
  border: 0;
  padding: 0;
  background: none;
  color: inherit;
  font: inherit;
  cursor: pointer;
`;

/** A label, in its colour; with `onRemove`, a × takes it off. A label's name is the team's words: rendered as text. */
export const LabelChip = ({ label, onRemove, removeTitle }: { label: LabelView; onRemove?: () => void; removeTitle?: string }) => (
  <Chip $swatch={labelSwatch(label.colour)} data-testid="label-chip" data-label={label.name} title={label.name}>
    <bdi>{label.name}</bdi>
    {onRemove ? (
      <Remove type="button" onClick={onRemove} aria-label={removeTitle} title={removeTitle}>
        ×
      </Remove>
    ) : null}
  </Chip>
);
