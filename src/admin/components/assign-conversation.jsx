import React, { useEffect, useState } from 'react';
import { Box, Button, FormGroup, Label, MessageBox, Select, Text } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';

const api = new ApiClient();

// Assign one conversation (record action) or the ones selected in the list (bulk action). The
// bulk resolve page is this page without the choice of agent: an action whose GET offers no
// assignees only asks for confirmation. The server decides who may be chosen and checks again.
const AssignConversation = ({ record: initial, records, resource, action }) => {
  const bulk = !initial;
  const [record, setRecord] = useState(initial);
  const recordIds = (records ?? []).map((r) => r.id);
  // undefined while loading; null when the action offers no choice of agent (bulk resolve).
  const [assignees, setAssignees] = useState(undefined);
  const [assigneeId, setAssigneeId] = useState(null);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState(null);
  const addNotice = useNotice();
  const { translateMessage } = useTranslation();
  const t = (key, options) => translateMessage(`inbox.${key}`, resource.id, options);

  const call = (data) =>
    bulk
      ? api.bulkAction({ resourceId: resource.id, recordIds, actionName: action.name, ...(data ? { data, method: 'post' } : {}) })
      : api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, ...(data ? { data, method: 'post' } : {}) });

  useEffect(() => {
    if (bulk && recordIds.length === 0) return;
    call().then((response) => setAssignees(response.data.assignees ?? (bulk ? null : [])));
  }, [resource.id, action.name, bulk ? recordIds.join(',') : initial.id]);

  const run = async (chosen) => {
    setBusy(true);
    try {
      const response = await call(assignees ? { assigneeId: chosen } : { confirmed: 'yes' });
      const notice = response.data.notice;
      if (notice) addNotice(notice);
      setResult(notice ?? null);
      if (!bulk && response.data.record?.params) setRecord(response.data.record);
    } finally {
      setBusy(false);
    }
  };

  if (bulk && recordIds.length === 0) return <Text>{t('assignPage.noneSelected')}</Text>;
  if (assignees === undefined) return null;
  const count = recordIds.length;
  const options = (assignees ?? []).map((a) => ({ value: a.id, label: `${a.name} <${a.email}>` }));
  const selected = options.find((option) => option.value === assigneeId) ?? null;
  const current = record?.params.assigneeId;
  const currentName = current ? (assignees ?? []).find((a) => a.id === current)?.name ?? record.populated?.assigneeId?.title ?? current : null;

  return (
    <Box variant="white" data-testid="assign-conversation">
      {result ? (
        <MessageBox
          mb="lg"
          variant={result.type === 'error' ? 'danger' : 'success'}
          message={translateMessage(result.message, resource.id, result.options)}
        />
      ) : null}
      {assignees ? (
        <>
          <Text mb="lg">{bulk ? t('assignPage.introMany', { count }) : t('assignPage.intro')}</Text>
          {bulk ? null : (
            <Text mb="lg" color="grey60" dir="auto" data-testid="current-assignee">
              {currentName ? t('assignPage.current', { name: currentName }) : t('assignPage.nobody')}
            </Text>
          )}
          {assignees.length === 0 ? <MessageBox mb="lg" variant="info" message={t('assignPage.noAssignees')} /> : null}
          <FormGroup>
            <Label>{t('assignPage.pick')}</Label>
            <Select value={selected} options={options} onChange={(option) => setAssigneeId(option?.value ?? null)} />
          </FormGroup>
          <Box flex flexDirection="row" style={{ gap: 8 }}>
            <Button variant="contained" onClick={() => run(assigneeId)} disabled={busy || !assigneeId} data-testid="assign-submit">
              {t('assignPage.submit')}
            </Button>
            <Button variant="outlined" onClick={() => run('me')} disabled={busy} data-testid="assign-me">
              {t('assignPage.me')}
            </Button>
          </Box>
        </>
      ) : (
        <>
          <Text mb="lg">{t('assignPage.resolveMany', { count })}</Text>
          <Button variant="contained" onClick={() => run(null)} disabled={busy} data-testid="bulk-resolve-submit">
            {t('assignPage.resolveSubmit')}
          </Button>
        </>
      )}
    </Box>
  );
};

export default AssignConversation;
