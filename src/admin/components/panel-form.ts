import { styled } from '@adminjs/design-system/styled-components';
import { themeColor } from './theme-tokens.ts';

// The forms a workflow button opens under the panel's buttons.

export const PanelForm = styled.div`
  margin-block-start: 10px;
  padding-block-start: 10px;
  border-block-start: 1px solid ${themeColor('grey20')};
  display: flex;
  flex-direction: column;
  gap: 6px;
`;

export const FieldLabel = styled.label`
  font-size: 12px;
  color: ${themeColor('grey60')};
`;

export const Small = styled.span`
  color: ${themeColor('grey60')};
  font-size: 12px;
`;
