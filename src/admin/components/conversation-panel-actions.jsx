import React, { useEffect, useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Button, Input } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';
import { RESOURCE_ID } from './conversation-format.jsx';
import { Heading, Section, Select } from './conversation-styles.jsx';

const api = new ApiClient();

// The workflow buttons (assign, resolve, link a lead…). Each one is shown only when the server
// lists its action for this record; what it does is the action's POST, which answers a notice.

const Buttons = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: 6px;
`;

const Form = styled.div`
  margin-block-start: 10px;
  padding-block-start: 10px;
  border-block-start: 1px solid #f3f4f6;
  display: flex;
  flex-direction: column;
  gap: 6px;
`;

const Choice = styled.button`
  display: flex;
  justify-content: space-between;
  gap: 8px;
  inline-size: 100%;
  text-align: start;
  border: 1px solid #e5e7eb;
  border-radius: 6px;
  background: #fff;
  padding: 6px 8px;
  font: inherit;
  font-size: 13px;
  cursor: pointer;
  &:hover {
    background: #f9fafb;
  }
`;

const Small = styled.span`
  color: #6b7280;
  font-size: 12px;
`;


const FieldLabel = styled.label`
  font-size: 12px;
  color: #6b7280;
`;

const TEST_IDS = {
  assign: 'action-assign',
  unassign: 'action-unassign',
  resolve: 'action-resolve',
  reopen: 'action-reopen',
  linkLead: 'action-link-lead',
  unlinkLead: 'action-unlink-lead',
  createLead: 'action-create-lead',
};

const formData = (values) => {
  const data = new FormData();
  for (const [key, value] of Object.entries(values)) data.set(key, value ?? '');
  return data;
};

export const ConversationActions = ({ record, panel, onChanged }) => {
  const { translateMessage: tm, translateProperty } = useTranslation();
  const addNotice = useNotice();
  const [open, setOpen] = useState(null);
  const [busy, setBusy] = useState(false);
  const available = new Set((record?.recordActions ?? []).map((action) => action.name));
  const shown = Object.keys(TEST_IDS).filter((name) => available.has(name));

  const call = (actionName, options = {}) =>
    api.recordAction({ resourceId: RESOURCE_ID, recordId: record.id, actionName, ...options }).then((response) => {
      if (response.data.notice?.type === 'error') addNotice({ ...response.data.notice, resourceId: RESOURCE_ID });
      return response.data;
    });

  const post = async (actionName, values = {}) => {
    setBusy(true);
    try {
      const answer = await api.recordAction({ resourceId: RESOURCE_ID, recordId: record.id, actionName, method: 'post', data: formData(values) });
      if (answer.data.notice) addNotice({ ...answer.data.notice, resourceId: RESOURCE_ID });
      if (answer.data.notice?.type !== 'error') setOpen(null);
      await onChanged();
    } finally {
      setBusy(false);
    }
  };

  const press = (name) => {
    if (name === 'assign' || name === 'linkLead' || name === 'createLead') setOpen(open === name ? null : name);
    else post(name);
  };

  if (shown.length === 0) return null;
  return (
    <Section>
      <Heading>{tm('conversationView.panel.actions', RESOURCE_ID)}</Heading>
      <Buttons>
        {shown.map((name) => (
          <Button
            key={name}
            size="sm"
            variant={name === 'resolve' ? 'contained' : 'outlined'}
            onClick={() => press(name)}
            disabled={busy}
            data-testid={TEST_IDS[name]}
            type="button"
          >
            {tm(`conversationView.actions.${name}`, RESOURCE_ID)}
          </Button>
        ))}
      </Buttons>
      {open === 'assign' ? <AssignForm call={call} post={post} busy={busy} currentId={panel.assignee?.id} /> : null}
      {open === 'linkLead' ? <LinkLeadForm call={call} post={post} busy={busy} /> : null}
      {open === 'createLead' ? <CreateLeadForm call={call} post={post} busy={busy} translateProperty={translateProperty} /> : null}
    </Section>
  );
};

const AssignForm = ({ call, post, busy, currentId }) => {
  const { translateMessage: tm } = useTranslation();
  const [assignees, setAssignees] = useState([]);
  const [chosen, setChosen] = useState('');
  useEffect(() => {
    call('assign').then((answer) => setAssignees(answer.assignees ?? []));
  }, []);
  return (
    <Form data-testid="assign-form">
      <Button size="sm" variant="contained" type="button" disabled={busy} onClick={() => post('assign', { assigneeId: 'me' })} data-testid="assign-me">
        {tm('conversationView.actions.assignToMe', RESOURCE_ID)}
      </Button>
      <FieldLabel htmlFor="conversation-assignee">{tm('conversationView.actions.assignTo', RESOURCE_ID)}</FieldLabel>
      <Select id="conversation-assignee" value={chosen} onChange={(event) => setChosen(event.target.value)} data-testid="assignee-select">
        <option value="">—</option>
        {assignees.map((assignee) => (
          <option key={assignee.id} value={assignee.id} disabled={assignee.id === currentId}>
            {assignee.name} ({assignee.email})
          </option>
        ))}
      </Select>
      <Button size="sm" type="button" disabled={busy || !chosen} onClick={() => post('assign', { assigneeId: chosen })} data-testid="assign-confirm">
        {tm('conversationView.actions.confirm', RESOURCE_ID)}
      </Button>
    </Form>
  );
};

const LinkLeadForm = ({ call, post, busy }) => {
  const { translateMessage: tm } = useTranslation();
  const [q, setQ] = useState('');
  const [leads, setLeads] = useState(null);
  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      call('linkLead', { params: { q } }).then((answer) => current && setLeads(answer.leads ?? []));
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [q]);
  return (
    <Form data-testid="link-lead-form">
      <Input
        value={q}
        onChange={(event) => setQ(event.target.value)}
        placeholder={tm('conversationView.actions.searchLeads', RESOURCE_ID)}
        data-testid="lead-search"
        dir="auto"
      />
      {leads?.length === 0 ? <Small>{tm('conversationView.actions.noLeads', RESOURCE_ID)}</Small> : null}
      {(leads ?? []).map((lead) => (
        <Choice key={lead.id} type="button" disabled={busy} onClick={() => post('linkLead', { leadId: lead.id })} data-testid="lead-choice">
          <span dir="auto">
            {lead.organisation ?? lead.name}
            {lead.organisation && lead.name ? <Small> — {lead.name}</Small> : null}
          </span>
          <Small dir="ltr">{lead.phone ?? ''}</Small>
        </Choice>
      ))}
    </Form>
  );
};

const CreateLeadForm = ({ call, post, busy, translateProperty }) => {
  const { translateMessage: tm } = useTranslation();
  const [values, setValues] = useState(null);
  useEffect(() => {
    call('createLead').then((answer) => {
      const prefill = answer.prefill ?? {};
      setValues(Object.fromEntries(Object.entries(prefill).filter(([, value]) => value === null || ['string', 'number'].includes(typeof value))));
    });
  }, []);
  if (!values) return null;
  return (
    <Form data-testid="create-lead-form">
      {Object.keys(values).map((key) => (
        <React.Fragment key={key}>
          <FieldLabel htmlFor={`lead-${key}`}>{translateProperty(key, 'whatsapp_leads')}</FieldLabel>
          <Input
            id={`lead-${key}`}
            value={values[key] ?? ''}
            onChange={(event) => setValues({ ...values, [key]: event.target.value })}
            dir="auto"
            data-testid={`lead-field-${key}`}
          />
        </React.Fragment>
      ))}
      <Button size="sm" variant="contained" type="button" disabled={busy} onClick={() => post('createLead', values)} data-testid="create-lead-confirm">
        {tm('conversationView.actions.create', RESOURCE_ID)}
      </Button>
    </Form>
  );
};
