import React, { type ReactNode } from 'react';
import { Box, Text, ValueGroup } from '@adminjs/design-system';
import { flat, useTranslation, type BasePropertyProps } from 'adminjs';
import { buttonLine, examplesOf, storedComponents } from './template-component-lines.ts';

const Part = ({ title, children }: { title: string; children: ReactNode }) => (
  <Box mb="lg">
    <Text fontWeight="bold">{title}</Text>
    {children}
  </Box>
);

/**
 * Meta's components shown as the customer reads them, with their examples. React renders every
 * string as text: a template's content never becomes HTML here.
 */
const TemplateComponents = ({ property, record, resource }: BasePropertyProps) => {
  const { translateMessage: tm } = useTranslation();
  const list = storedComponents(flat.get(record?.params, property.path));
  return (
    <ValueGroup label={tm('templates.show.content', resource.id)}>
      {list.length === 0 ? <Text>{tm('templates.show.noComponents', resource.id)}</Text> : null}
      {list.map((component, index) => {
        const type = String(component.type ?? '').toUpperCase();
        const examples = examplesOf(component);
        return (
          <Part key={index} title={type === 'HEADER' ? `${type} (${String(component.format ?? 'TEXT')})` : type}>
            {component.text !== undefined ? <Text dir="auto" style={{ whiteSpace: 'pre-wrap' }}>{String(component.text ?? '')}</Text> : null}
            {component.code_expiration_minutes !== undefined ? <Text>{tm('templates.show.codeExpiry', resource.id, { minutes: component.code_expiration_minutes })}</Text> : null}
            {Array.isArray(component.buttons) ? storedComponents(component.buttons).map((button, i) => <Text key={i}>{buttonLine(button)}</Text>) : null}
            {examples.length > 0 ? (
              <Text color="grey60">{`${tm('templates.show.examples', resource.id)} ${examples.map(([name, value]) => `${name} = ${String(value)}`).join(', ')}`}</Text>
            ) : null}
          </Part>
        );
      })}
    </ValueGroup>
  );
};

export default TemplateComponents;
