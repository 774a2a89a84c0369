import React, { useEffect, useState } from 'react';
import { Box, Button, Input, MessageBox, Text } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';

const api = new ApiClient();
const SEARCH_DELAY_MS = 250;

// Find a B2B lead by organisation, name or any spelling of a phone, and link it to the
// conversation; or unlink the current one. Names and numbers are shown as text only.
const LinkLead = ({ record: initial, resource, action }) => {
  const [record, setRecord] = useState(initial);
  const [q, setQ] = useState('');
  const [leads, setLeads] = useState([]);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const { translateMessage } = useTranslation();
  const t = (key, options) => translateMessage(`inbox.${key}`, resource.id, options);

  useEffect(() => {
    const timer = setTimeout(() => {
      api
        .recordAction({ resourceId: resource.id, recordId: initial.id, actionName: action.name, params: { q } })
        .then((response) => setLeads(response.data.leads ?? []));
    }, SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [q, resource.id, initial.id, action.name]);

  const post = async (actionName, data) => {
    setBusy(true);
    try {
      const response = await api.recordAction({ resourceId: resource.id, recordId: initial.id, actionName, data, method: 'post' });
      if (response.data.notice) addNotice(response.data.notice);
      if (response.data.record?.params) setRecord(response.data.record);
    } finally {
      setBusy(false);
    }
  };

  const linkedId = record.params.leadId;
  return (
    <Box variant="white" data-testid="link-lead">
      <Box mb="lg" flex flexDirection="row" alignItems="center" style={{ gap: 8 }}>
        {linkedId ? (
          <>
            <Text dir="auto" data-testid="linked-lead">{t('linkLeadPage.current', { name: record.params.leadName ?? linkedId })}</Text>
            <Button size="sm" variant="outlined" onClick={() => post('unlinkLead', { confirmed: 'yes' })} disabled={busy} data-testid="unlink-lead">
              {t('linkLeadPage.unlink')}
            </Button>
          </>
        ) : (
          <Text>{t('linkLeadPage.none')}</Text>
        )}
      </Box>
      <Input width={1} value={q} onChange={(event) => setQ(event.target.value)} placeholder={t('linkLeadPage.search')} dir="auto" data-testid="lead-search" />
      <Text mt="lg" mb="sm" color="grey60">{q.trim() ? null : t('linkLeadPage.latest')}</Text>
      {leads.length === 0 ? <MessageBox mt="md" variant="info" message={t('linkLeadPage.noResults')} /> : null}
      {leads.map((lead) => (
        <Box key={lead.id} py="md" flex flexDirection="row" alignItems="center" justifyContent="space-between" style={{ borderBottom: '1px solid #eee' }}>
          <Box>
            <Text dir="auto" fontWeight="bold">{lead.organisation}</Text>
            <Text dir="auto" color="grey60">{[lead.name, lead.phone, lead.email].filter(Boolean).join(' · ')}</Text>
          </Box>
          <Button size="sm" variant="contained" onClick={() => post(action.name, { leadId: lead.id })} disabled={busy || lead.id === linkedId} data-testid="link-lead-button">
            {t('linkLeadPage.link')}
          </Button>
        </Box>
      ))}
    </Box>
  );
};

export default LinkLead;
