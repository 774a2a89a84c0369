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
