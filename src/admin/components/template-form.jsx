import React, { useEffect, useState } from 'react';
import { Box, Button, CheckBox, FormGroup, FormMessage, H5, Input, Label, MessageBox, Select, Text, TextArea } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';
import { useNavigate } from 'react-router';

// The fields the server reads (src/templates/template-form.ts); everything else in a record's params is left out.
const FORM_KEY = /^(accountId|name|language|category|parameterFormat|headerFormat|headerText|headerHandle|bodyText|footerText|codeExpirationMinutes|addSecurityRecommendation|allowCategoryChange|(header|body)Examples\..+|buttons\.\d+\.[a-zA-Z]+)$/;
const CATEGORIES = ['MARKETING', 'UTILITY', 'AUTHENTICATION'];
const PARAMETER_FORMATS = ['POSITIONAL', 'NAMED'];
const HEADER_FORMATS = ['', 'TEXT', 'IMAGE', 'VIDEO', 'DOCUMENT', 'LOCATION'];
const BUTTON_TYPES = ['QUICK_REPLY', 'URL', 'PHONE_NUMBER', 'COPY_CODE', 'FLOW', 'OTP'];
const OTP_TYPES = ['COPY_CODE', 'ONE_TAP', 'ZERO_TAP'];

// The variables a text needs examples for, as the server orders them.
function exampleVariables(text, parameterFormat) {
  const named = parameterFormat === 'NAMED';
  const names = [];
  for (const match of (text || '').matchAll(/\{\{([^{}]*)\}\}/g)) {
    const name = match[1];
    if ((named ? /^[a-z_]+$/ : /^[1-9][0-9]*$/).test(name) && !names.includes(name)) names.push(name);
  }
  return named ? names : names.sort((a, b) => Number(a) - Number(b));
}

function buttonRows(values) {
  const rows = new Set();
  for (const key of Object.keys(values)) {
    const match = /^buttons\.(\d+)\./.exec(key);
    if (match) rows.add(Number(match[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

function initialValues(record) {
  const values = { parameterFormat: 'POSITIONAL' };
  for (const [key, value] of Object.entries(record?.params ?? {})) {
    if (FORM_KEY.test(key) && value !== null && value !== undefined) values[key] = String(value);
  }
  return values;
}

const TemplateForm = ({ action, resource, record }) => {
  const editing = Boolean(record?.id);
  const [values, setValues] = useState(() => initialValues(record));
  const [errors, setErrors] = useState({});
  const [accounts, setAccounts] = useState([]);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const navigate = useNavigate();
  const { translateMessage: tm } = useTranslation();

  useEffect(() => {
    if (editing) return;
    new ApiClient().resourceAction({ resourceId: resource.id, actionName: action.name }).then((response) => setAccounts(response.data.accounts ?? []));
  }, [editing, resource.id, action.name]);

  const set = (key, value) => setValues((current) => ({ ...current, [key]: value }));
  const label = (key) => {
    const button = /^buttons\.\d+\.(\w+)$/.exec(key);
    return tm(`templates.form.fields.${button ? `buttons.${button[1]}` : key}`, resource.id);
  };
  const problem = (key) => (errors[key] ? tm(errors[key].message, resource.id, errors[key].params) : null);
  const select = (key, options) => {
    const choices = options.map((value) => ({ value, label: value === '' ? '—' : value }));
    return (
      <Select
        value={choices.find((choice) => choice.value === (values[key] ?? '')) ?? null}
        options={choices}
        onChange={(selected) => set(key, selected?.value ?? '')}
      />
    );
  };
  const field = (key, control, title = label(key)) => (
    <FormGroup key={key} error={Boolean(errors[key])}>
      <Label>{title}</Label>
      {control}
      <FormMessage>{problem(key)}</FormMessage>
    </FormGroup>
  );
  const text = (key, props = {}) => field(key, <Input value={values[key] ?? ''} onChange={(event) => set(key, event.target.value)} {...props} />);
  const examples = (prefix, source) =>
    exampleVariables(values[source], values.parameterFormat).map((name) =>
      field(
        `${prefix}.${name}`,
        <Input value={values[`${prefix}.${name}`] ?? ''} onChange={(event) => set(`${prefix}.${name}`, event.target.value)} />,
        tm('templates.form.exampleFor', resource.id, { variable: `{{${name}}}` }),
      ),
    );

  const accountChoices = accounts.map((a) => ({ value: a.id, label: a.displayPhoneNumber ? `${a.name} (${a.displayPhoneNumber})` : a.name }));
  const authentication = values.category === 'AUTHENTICATION';
  const rows = buttonRows(values);
  const addButton = () => set(`buttons.${rows.length ? rows[rows.length - 1] + 1 : 0}.type`, 'QUICK_REPLY');
  const removeButton = (row) =>
    setValues((current) => Object.fromEntries(Object.entries(current).filter(([key]) => !key.startsWith(`buttons.${row}.`))));

  const submit = async (event) => {
    event.preventDefault();
    setBusy(true);
    try {
      const data = new FormData();
      for (const [key, value] of Object.entries(values)) data.set(key, value);
      const api = new ApiClient();
      const response = editing
        ? await api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data })
        : await api.resourceAction({ resourceId: resource.id, actionName: action.name, data });
      const { notice, redirectUrl } = response.data;
      setErrors(response.data.record?.errors ?? {});
      if (notice) addNotice({ ...notice, resourceId: resource.id });
      if (redirectUrl) navigate(redirectUrl);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box as="form" variant="white" onSubmit={submit}>
      {errors.draft ? <MessageBox mb="xl" variant="danger" message={problem('draft')} /> : null}
      {editing
        ? null
        : field(
            'accountId',
            <Select
              value={accountChoices.find((choice) => choice.value === values.accountId) ?? null}
              options={accountChoices}
              onChange={(selected) => set('accountId', selected?.value ?? '')}
            />,
          )}
      {text('name', { disabled: editing })}
      {text('language', { disabled: editing, placeholder: 'fr, en_US, ar' })}
      {field('category', select('category', CATEGORIES))}
      {field('parameterFormat', select('parameterFormat', PARAMETER_FORMATS))}

      {authentication ? null : (
        <Box mt="xl">
          <H5>{tm('templates.form.header', resource.id)}</H5>
          {field('headerFormat', select('headerFormat', HEADER_FORMATS))}
          {values.headerFormat === 'TEXT' ? text('headerText') : null}
          {values.headerFormat === 'TEXT' ? examples('headerExamples', 'headerText') : null}
          {['IMAGE', 'VIDEO', 'DOCUMENT'].includes(values.headerFormat) ? text('headerHandle') : null}
        </Box>
      )}

      <Box mt="xl">
        <H5>{tm('templates.form.body', resource.id)}</H5>
        {authentication ? (
          <FormGroup>
            <CheckBox
              id="addSecurityRecommendation"
              checked={values.addSecurityRecommendation === 'true'}
              onChange={() => set('addSecurityRecommendation', values.addSecurityRecommendation === 'true' ? 'false' : 'true')}
            />
            <Label inline htmlFor="addSecurityRecommendation" ml="default">{label('addSecurityRecommendation')}</Label>
          </FormGroup>
        ) : (
          field('bodyText', <TextArea rows={6} width={1} value={values.bodyText ?? ''} onChange={(event) => set('bodyText', event.target.value)} />)
        )}
        {authentication ? null : <Text mb="lg">{tm('templates.form.examplesHint', resource.id, { positional: '{{1}}, {{2}}', named: '{{first_name}}' })}</Text>}
        {authentication ? null : examples('bodyExamples', 'bodyText')}
        {authentication ? text('codeExpirationMinutes', { type: 'number', min: 1, max: 90 }) : text('footerText')}
      </Box>

      <Box mt="xl">
        <H5>{tm('templates.form.buttons', resource.id)}</H5>
        <FormMessage>{problem('buttons')}</FormMessage>
        {rows.map((row) => {
          const type = values[`buttons.${row}.type`];
          return (
            <Box key={row} mb="lg" p="default" border="default">
              {field(`buttons.${row}.type`, select(`buttons.${row}.type`, BUTTON_TYPES))}
              {type === 'OTP' ? null : text(`buttons.${row}.text`)}
              {type === 'URL' ? text(`buttons.${row}.url`, { placeholder: 'https://' }) : null}
              {type === 'URL' && /\{\{/.test(values[`buttons.${row}.url`] ?? '') ? text(`buttons.${row}.urlExample`) : null}
              {type === 'PHONE_NUMBER' ? text(`buttons.${row}.phoneNumber`, { placeholder: '+213…' }) : null}
              {type === 'COPY_CODE' ? text(`buttons.${row}.code`) : null}
              {type === 'FLOW' ? text(`buttons.${row}.flowId`) : null}
              {type === 'OTP' ? field(`buttons.${row}.otpType`, select(`buttons.${row}.otpType`, OTP_TYPES)) : null}
              <Button type="button" size="sm" variant="text" onClick={() => removeButton(row)}>
                {tm('templates.form.removeButton', resource.id)}
              </Button>
            </Box>
          );
        })}
        <Button type="button" variant="outlined" onClick={addButton}>
          {tm('templates.form.addButton', resource.id)}
        </Button>
      </Box>

      {editing ? null : (
        <FormGroup mt="xl">
          <CheckBox
            id="allowCategoryChange"
            checked={values.allowCategoryChange === 'true'}
            onChange={() => set('allowCategoryChange', values.allowCategoryChange === 'true' ? 'false' : 'true')}
          />
          <Label inline htmlFor="allowCategoryChange" ml="default">{label('allowCategoryChange')}</Label>
        </FormGroup>
      )}

      <Box mt="xl">
        <Button type="submit" variant="contained" disabled={busy}>
          {tm('templates.form.submit', resource.id)}
        </Button>
      </Box>
    </Box>
  );
};

export default TemplateForm;
