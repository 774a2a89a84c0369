import { styled } from '@adminjs/design-system/styled-components';

// Boxes shared by the side panel and its actions.

export const Section = styled.section`
  background: #fff;
  border: 1px solid #e5e7eb;
  border-radius: 8px;
  padding: 12px 14px;
`;

export const Heading = styled.h3`
  margin: 0 0 8px;
  font-size: 12px;
  font-weight: 700;
  text-transform: uppercase;
  letter-spacing: 0.04em;
  color: #6b7280;
`;

// The native select of the panel's forms and of the template picker.
export const Select = styled.select`
  inline-size: 100%;
  padding: 8px;
  border: 1px solid #bbc3cb;
  border-radius: 4px;
  font: inherit;
  background: #fff;
`;
