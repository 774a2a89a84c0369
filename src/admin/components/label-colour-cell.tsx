import React from 'react';
import type { BasePropertyProps } from 'adminjs';
import { useTranslation } from 'adminjs';
import { styled } from '@adminjs/design-system/styled-components';
import { labelSwatch } from '../../domain/label-colours.ts';

const Swatch = styled.span<{ $swatch: string }>`
  display: inline-block;
  inline-size: 12px;
  block-size: 12px;
  border-radius: 50%;
  margin-inline-end: 6px;
  vertical-align: middle;
  background: ${({ $swatch }) => $swatch};
`;

/** A label's colour on the labels screen: the swatch and its translated name. */
const LabelColourCell = ({ record, property, resource }: BasePropertyProps) => {
  const { translateLabel } = useTranslation();
  const colour = String(record?.params?.[property.path] ?? 'grey');
  return (
    <span>
      <Swatch $swatch={labelSwatch(colour)} />
      {translateLabel(`colour.${colour}`, resource.id)}
    </span>
  );
};

export default LabelColourCell;
