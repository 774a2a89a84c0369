import React, { type ReactNode } from 'react';
import { CheckBox, FormGroup, FormMessage, Input, Label, Select } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import { exampleVariables } from '../../templates/template-form.ts';
import type { TemplateForm } from './use-template-form.ts';

type Choice = { value: string; label: string };
type InputOptions = Pick<React.InputHTMLAttributes<HTMLInputElement>, 'disabled' | 'placeholder' | 'type' | 'min' | 'max'>;

/** The template form's controls, each labelled from templates.json and showing the server's problem for its field. */
export const useTemplateFormControls = (form: TemplateForm) => {
  const { translateMessage: tm } = useTranslation();
  const { values, errors, set, resourceId } = form;
  const label = (key: string) => {
    const button = /^buttons\.\d+\.(\w+)$/.exec(key);
    return tm(`templates.form.fields.${button ? `buttons.${button[1]}` : key}`, resourceId);
  };
  const problem = (key: string) => {
    const error = errors[key];
    return error ? tm(error.message ?? '', resourceId, error.params) : null;
  };
  const field = (key: string, control: ReactNode, title = label(key)) => (
    <FormGroup key={key} error={Boolean(errors[key])}>
      <Label>{title}</Label>
      {control}
      <FormMessage>{problem(key)}</FormMessage>
    </FormGroup>
  );
  const choose = (key: string, choices: Choice[]) => (
    <Select value={choices.find((choice) => choice.value === (values[key] ?? '')) ?? null} options={choices} onChange={(selected: Choice | null) => set(key, selected?.value ?? '')} />
  );
  const select = (key: string, options: readonly string[]) => choose(key, options.map((value) => ({ value, label: value === '' ? '—' : value })));
  const input = (key: string, props: InputOptions = {}) => (
    <Input value={values[key] ?? ''} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set(key, event.target.value)} {...props} />
  );
  const text = (key: string, props: InputOptions = {}) => field(key, input(key, props));
  // One example field per variable of the text in `source`, in Meta's order.
  const examples = (prefix: string, source: string) =>
    exampleVariables(values[source] ?? '', values.parameterFormat ?? '').map((name) =>
      field(`${prefix}.${name}`, input(`${prefix}.${name}`), tm('templates.form.exampleFor', resourceId, { variable: `{{${name}}}` })),
    );
  const checkbox = (key: string) => (
    <>
      <CheckBox id={key} checked={values[key] === 'true'} onChange={() => form.toggle(key)} />
      <Label inline htmlFor={key} ml="default">
        {label(key)}
      </Label>
    </>
  );
  return { tm: (key: string, options?: Record<string, unknown>) => tm(key, resourceId, options), label, problem, field, choose, select, text, examples, checkbox };
};

export type TemplateFormControls = ReturnType<typeof useTemplateFormControls>;
