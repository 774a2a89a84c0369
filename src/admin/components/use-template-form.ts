import { useEffect, useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { useNotice, type ActionProps } from 'adminjs';
import type { TemplateAccountsPage, TemplateFormAnswer } from '../resources/templates.resource.js';
import { formData, recordAction, resourceAction } from './action-client.ts';
import { initialValues, type TemplateFormValues } from './template-form-values.ts';

export type TemplateFieldErrors = NonNullable<TemplateFormAnswer['record']>['errors'];

/** The template being written or edited, the numbers it may be for, and its POST; the server checks everything and points each problem at its field. */
export const useTemplateForm = ({ action, resource, record }: ActionProps) => {
  const editing = Boolean(record?.id);
  const [values, setValues] = useState(() => initialValues(record));
  const [errors, setErrors] = useState<TemplateFieldErrors>({});
  const [accounts, setAccounts] = useState<TemplateAccountsPage['accounts']>([]);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const navigate = useNavigate();

  useEffect(() => {
    if (editing) return;
    void resourceAction<TemplateAccountsPage>({ resourceId: resource.id, actionName: action.name }).then((answer) => setAccounts(answer.accounts ?? []));
  }, [editing, resource.id, action.name]);

  const set = (key: string, value: string) => setValues((current) => ({ ...current, [key]: value }));
  const toggle = (key: string) => set(key, values[key] === 'true' ? 'false' : 'true');

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      const data = formData(values);
      const request = { resourceId: resource.id, actionName: action.name, data };
      const answer = record ? await recordAction<TemplateFormAnswer>({ ...request, recordId: record.id }) : await resourceAction<TemplateFormAnswer>(request);
      setErrors(answer.record?.errors ?? {});
      if (answer.notice) addNotice({ ...answer.notice, resourceId: resource.id });
      if (answer.redirectUrl) navigate(answer.redirectUrl);
    } finally {
      setBusy(false);
    }
  };

  return { editing, values, setValues, set, toggle, errors, accounts, busy, submit };
};

export type TemplateForm = ReturnType<typeof useTemplateForm> & { resourceId: string };
export type { TemplateFormValues };
