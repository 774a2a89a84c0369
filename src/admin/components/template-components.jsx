import React from 'react';
import { Box, Text, ValueGroup } from '@adminjs/design-system';
import { flat, useTranslation } from 'adminjs';

// Meta's components shown as the customer reads them, with their examples. React renders
// every string as text: a template's content never becomes HTML here.
function examplesOf(component) {
  const example = component.example ?? {};
  const named = example.body_text_named_params ?? example.header_text_named_params;
  if (Array.isArray(named)) return named.map((entry) => [`{{${entry.param_name}}}`, entry.example]);
  const positional = Array.isArray(example.body_text) ? example.body_text[0] : example.header_text;
  return Array.isArray(positional) ? positional.map((value, index) => [`{{${index + 1}}}`, value]) : [];
}

function buttonLine(button) {
  const target = button.url ?? button.phone_number ?? (typeof button.example === 'string' ? button.example : null) ?? button.otp_type ?? button.flow_id;
  return `[${button.type}] ${button.text ?? ''}${target ? ` → ${target}` : ''}`;
}

const Part = ({ title, children }) => (
  <Box mb="lg">
    <Text fontWeight="bold">{title}</Text>
    {children}
  </Box>
);

const Lines = ({ text }) => <Text style={{ whiteSpace: 'pre-wrap' }}>{String(text ?? '')}</Text>;

const TemplateComponents = ({ property, record, resource }) => {
  const { translateMessage: tm } = useTranslation();
  const components = flat.get(record.params, property.path);
  const list = Array.isArray(components) ? components : [];
  return (
    <ValueGroup label={tm('templates.show.content', resource.id)}>
      {list.length === 0 ? <Text>{tm('templates.show.noComponents', resource.id)}</Text> : null}
      {list.map((component, index) => {
        const type = String(component.type ?? '').toUpperCase();
        const examples = examplesOf(component);
        return (
          <Part key={index} title={type === 'HEADER' ? `${type} (${component.format ?? 'TEXT'})` : type}>
            {component.text !== undefined ? <Lines text={component.text} /> : null}
            {component.code_expiration_minutes !== undefined ? <Text>{tm('templates.show.codeExpiry', resource.id, { minutes: component.code_expiration_minutes })}</Text> : null}
            {Array.isArray(component.buttons) ? component.buttons.map((button, i) => <Text key={i}>{buttonLine(button)}</Text>) : null}
            {examples.length > 0 ? (
              <Text color="grey60">{`${tm('templates.show.examples', resource.id)} ${examples.map(([name, value]) => `${name} = ${value}`).join(', ')}`}</Text>
            ) : null}
          </Part>
        );
      })}
    </ValueGroup>
  );
};

export default TemplateComponents;
