import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { themeColor } from './theme-tokens.ts';

const List = styled.ul`
  position: absolute;
  inset-block-end: calc(100% + 4px);
  inset-inline: 0;
  z-index: 15;
  max-block-size: 260px;
  overflow-y: auto;
  margin: 0;
  padding: 4px 0;
  list-style: none;
  background: ${themeColor('white')};
  border: 1px solid ${themeColor('grey40')};
  border-radius: 8px;
  box-shadow: ${({ theme }) => theme.shadows.card};
`;

const Item = styled.li<{ $active: boolean }>`
  padding: 6px 12px;
  cursor: pointer;
  background: ${({ $active, theme }) => ($active ? theme.colors.primary20 : 'transparent')};
  text-align: start;
`;

/** The choices for what is being typed (`/shortcut`, `@name`), above the box; a click takes one. */
export function SuggestionList<T>({ label, choices, active, onChoose, render, testId }: {
  label: string;
  choices: readonly T[];
  active: number;
  onChoose: (choice: T) => void;
  render: (choice: T) => React.ReactNode;
  testId: string;
}) {
  return (
    <List role="listbox" aria-label={label} data-testid={testId}>
      {choices.map((choice, i) => (
        <Item
          key={i}
          role="option"
          aria-selected={i === active}
          $active={i === active}
          // mousedown, not click: the box keeps its focus and caret.
          onMouseDown={(event) => {
            event.preventDefault();
            onChoose(choice);
          }}
          data-testid={`${testId}-choice`}
        >
          {render(choice)}
        </Item>
      ))}
    </List>
  );
}
