import React, { useState } from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Box, Button, Input, MessageBox, Text } from '@adminjs/design-system';
import { useNotice, useTranslation, type ActionProps } from 'adminjs';
import type { ConversationActionAnswer, LinkLeadPage } from '../resources/conversation-workflow-actions.js';
import { recordAction } from './action-client.ts';
import { LeadDetails } from './lead-details.tsx';
import { conversationParams } from './record-params.ts';
import { themeColor } from './theme-tokens.ts';
import { useLeadSearch } from './use-lead-search.ts';

const Found = styled(Box)`
  border-block-end: 1px solid ${themeColor('border')};
`;

/**
 * Find a B2B lead by organisation, name or any spelling of a phone, and link it to the
 * conversation; or unlink the current one. Names and numbers are shown as text only.
 */
const LinkLead = ({ record: initial, resource, action }: ActionProps) => {
  const [record, setRecord] = useState(initial!);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const { translateMessage } = useTranslation();
  const t = (key: string, options?: Record<string, unknown>) => translateMessage(`inbox.${key}`, resource.id, options);
  const request = { resourceId: resource.id, recordId: record.id };
  const search = useLeadSearch(async (q) => (await recordAction<ConversationActionAnswer<LinkLeadPage>>({ ...request, actionName: action.name, params: { q } })).leads);

  const post = async (actionName: string, data: Record<string, string>) => {
    setBusy(true);
    try {
      const answer = await recordAction<ConversationActionAnswer>({ ...request, actionName, data, method: 'post' });
      if (answer.notice) addNotice(answer.notice);
      if (answer.record?.params) setRecord(answer.record);
    } finally {
      setBusy(false);
    }
  };

  const { leadId: linkedId, leadName } = conversationParams(record);
  const leads = search.leads ?? [];
  return (
    <Box variant="white" data-testid="link-lead">
      <Box mb="lg" flex flexDirection="row" alignItems="center" style={{ gap: 8 }}>
        {linkedId ? (
          <>
            <Text dir="auto" data-testid="linked-lead">{t('linkLeadPage.current', { name: leadName ?? linkedId })}</Text>
            <Button size="sm" variant="outlined" onClick={() => void post('unlinkLead', { confirmed: 'yes' })} disabled={busy} data-testid="unlink-lead">
              {t('linkLeadPage.unlink')}
            </Button>
          </>
        ) : (
          <Text>{t('linkLeadPage.none')}</Text>
        )}
      </Box>
      <Input width={1} value={search.q} onChange={(event: React.ChangeEvent<HTMLInputElement>) => search.setQ(event.target.value)} placeholder={t('linkLeadPage.search')} dir="auto" data-testid="lead-search" />
      <Text mt="lg" mb="sm" color="grey60">{search.q.trim() ? null : t('linkLeadPage.latest')}</Text>
      {leads.length === 0 ? <MessageBox mt="md" variant="info" message={t('linkLeadPage.noResults')} /> : null}
      {leads.map((lead) => (
        <Found key={lead.id} py="md" flex flexDirection="row" alignItems="center" justifyContent="space-between">
          <Box>
            <Text dir="auto" fontWeight="bold">{lead.organisation}</Text>
            <LeadDetails lead={lead} />
          </Box>
          <Button size="sm" variant="contained" onClick={() => void post(action.name, { leadId: lead.id })} disabled={busy || lead.id === linkedId} data-testid="link-lead-button">
            {t('linkLeadPage.link')}
          </Button>
        </Found>
      ))}
    </Box>
  );
};

export default LinkLead;
