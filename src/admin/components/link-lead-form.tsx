import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Input } from '@adminjs/design-system';
import type { LinkLeadPage } from '../resources/conversation-workflow-actions.js';
import { PanelForm, Small } from './panel-form.ts';
import { themeColor } from './theme-tokens.ts';
import type { ConversationActionsApi } from './use-conversation-actions.ts';
import { useConversationText } from './use-conversation-text.ts';
import { useLeadSearch } from './use-lead-search.ts';

const Choice = styled.button`
  display: flex;
  justify-content: space-between;
  gap: 8px;
  inline-size: 100%;
  text-align: start;
  border: 1px solid ${themeColor('border')};
  border-radius: 6px;
  background: ${themeColor('white')};
  padding: 6px 8px;
  font: inherit;
  font-size: 13px;
  cursor: pointer;
  &:hover {
    background: ${themeColor('bg')};
  }
`;

/** Find a B2B lead by organisation, name or any spelling of a phone, and link it. */
export const LinkLeadForm = ({ actions }: { actions: ConversationActionsApi }) => {
  const { tm } = useConversationText();
  const search = useLeadSearch(async (q) => (await actions.load<LinkLeadPage>('linkLead', { q })).leads);
  return (
    <PanelForm data-testid="link-lead-form">
      <Input
        value={search.q}
        onChange={(event: React.ChangeEvent<HTMLInputElement>) => search.setQ(event.target.value)}
        placeholder={tm('conversationView.actions.searchLeads')}
        data-testid="lead-search"
        dir="auto"
      />
      {search.leads?.length === 0 ? <Small>{tm('conversationView.actions.noLeads')}</Small> : null}
      {(search.leads ?? []).map((lead) => (
        <Choice key={lead.id} type="button" disabled={actions.busy} onClick={() => void actions.post('linkLead', { leadId: lead.id })} data-testid="lead-choice">
          <span dir="auto">
            {lead.organisation ?? lead.name}
            {lead.organisation && lead.name ? <Small> — {lead.name}</Small> : null}
          </span>
          <Small dir="ltr">{lead.phone ?? ''}</Small>
        </Choice>
      ))}
    </PanelForm>
  );
};
