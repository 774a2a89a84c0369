import React, { useEffect, useState } from 'react';
import { Box, Button, CheckBox, FormGroup, Input, Label, MessageBox, Select, Text } from '@adminjs/design-system';
import { useNotice, useTranslation, type ActionProps, type NoticeMessage } from 'adminjs';
import type { SecretForm, SecretShown } from '../resources/integrations.resources.js';
import { ActionResult } from './action-result.tsx';
import { formData, recordAction, resourceAction } from './action-client.ts';

type Choice = { value: string; label: string };

/**
 * Creates a webhook endpoint or an API token (or rotates a secret): the form the handler
 * describes, then the secret the handler answers, shown this once in a box to copy. Nothing is
 * written before the button's POST.
 */
const CreateWithSecret = ({ action, resource, record }: ActionProps) => {
  const [form, setForm] = useState<SecretForm['form']>({ fields: [] });
  const [values, setValues] = useState<Record<string, string[]>>({});
  const [secret, setSecret] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<NoticeMessage | null>(null);
  const addNotice = useNotice();
  const { translateMessage: tm } = useTranslation();
  const call = <T extends object>(data?: FormData) =>
    record
      ? recordAction<T & { record: never }>({ resourceId: resource.id, recordId: record.id, actionName: action.name, data })
      : resourceAction<T & { record?: never }>({ resourceId: resource.id, actionName: action.name, data });

  useEffect(() => {
    void call<SecretForm>().then((answer) => {
      const loaded = answer.form ?? { fields: [] };
      setForm(loaded);
      setValues(Object.fromEntries(loaded.fields.filter((field) => field.initial !== undefined).map((field) => [field.name, [field.initial!]])));
    });
  }, [resource.id, action.name]);

  const set = (name: string, list: string[]) => setValues((current) => ({ ...current, [name]: list }));
  const run = async () => {
    setBusy(true);
    try {
      const answer = await call<SecretShown>(formData({ ...Object.fromEntries(Object.entries(values).map(([k, v]) => [k, v.join(',')])), confirmed: 'yes' }));
      if (answer.notice) addNotice({ ...answer.notice, resourceId: resource.id });
      setResult(answer.notice ?? null);
      if (answer.secret) setSecret(answer.secret);
    } finally {
      setBusy(false);
    }
  };

  if (secret) {
    return (
      <Box variant="white">
        <MessageBox mb="lg" variant="warning" message={tm('integrations.secret.copyNow', resource.id)} />
        <Input value={secret} readOnly width={1} dir="ltr" data-testid="shown-secret" onFocus={(event: React.FocusEvent<HTMLInputElement>) => event.target.select()} />
      </Box>
    );
  }
  return (
    <Box variant="white">
      {form.intro ? <Text mb="lg">{tm(form.intro, resource.id)}</Text> : null}
      {form.fields.map((field) => (
        <FormGroup key={field.name}>
          <Label>{tm(field.label, resource.id)}</Label>
          {field.kind === 'text' ? (
            <Input name={field.name} width={1} value={values[field.name]?.[0] ?? ''} onChange={(event: React.ChangeEvent<HTMLInputElement>) => set(field.name, [event.target.value])} />
          ) : field.kind === 'select' ? (
            <Select
              value={field.options.map(label(tm, resource.id)).find((c) => c.value === (values[field.name]?.[0] ?? '')) ?? null}
              options={field.options.map(label(tm, resource.id))}
              onChange={(selected: Choice | null) => set(field.name, selected ? [selected.value] : [])}
            />
          ) : (
            field.options.map((option) => (
              <Box key={option.value} flex alignItems="center" mb="sm">
                <CheckBox
                  id={`${field.name}-${option.value}`}
                  checked={values[field.name]?.includes(option.value) ?? false}
                  onChange={() => {
                    const list = values[field.name] ?? [];
                    set(field.name, list.includes(option.value) ? list.filter((v) => v !== option.value) : [...list, option.value]);
                  }}
                />
                <Label inline htmlFor={`${field.name}-${option.value}`} ml="default">
                  {option.translate ? tm(option.label, resource.id) : option.label}
                </Label>
              </Box>
            ))
          )}
          {field.hint ? <Text variant="sm" color="grey60">{tm(field.hint, resource.id)}</Text> : null}
        </FormGroup>
      ))}
      <ActionResult notice={result} resourceId={resource.id} />
      <Button variant="contained" onClick={run} disabled={busy} data-testid="create-with-secret">
        {tm(form.submit ?? 'integrations.secret.create', resource.id)}
      </Button>
    </Box>
  );
};

function label(tm: (key: string, resourceId: string) => string, resourceId: string) {
  return (option: { value: string; label: string; translate?: boolean }): Choice => ({
    value: option.value,
    label: option.translate ? tm(option.label, resourceId) : option.label,
  });
}

export default CreateWithSecret;
