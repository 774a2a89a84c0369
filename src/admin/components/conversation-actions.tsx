import React from 'react';
import { styled } from '@adminjs/design-system/styled-components';
import { Button } from '@adminjs/design-system';
import type { RecordJSON } from 'adminjs';
import { AssignForm } from './assign-form.tsx';
import { CreateLeadForm } from './create-lead-form.tsx';
import { LinkLeadForm } from './link-lead-form.tsx';
import { Heading, Section } from './panel-section.ts';
import { PANEL_ACTIONS, useConversationActions } from './use-conversation-actions.ts';
import { useConversationText } from './use-conversation-text.ts';

const Buttons = styled.div`
  display: flex;
  flex-wrap: wrap;
  gap: 6px;
`;

/** The workflow buttons (assign, resolve, link a lead…) and the form the pressed one opens. */
export const ConversationActions = ({ record, assigneeId, onChanged }: { record: RecordJSON; assigneeId: string | null; onChanged: () => Promise<void> }) => {
  const { tm } = useConversationText();
  const actions = useConversationActions(record, onChanged);
  if (actions.shown.length === 0) return null;
  return (
    <Section>
      <Heading>{tm('conversationView.panel.actions')}</Heading>
      <Buttons>
        {actions.shown.map((name) => (
          <Button
            key={name}
            size="sm"
            variant={name === 'resolve' ? 'contained' : 'outlined'}
            onClick={() => actions.press(name)}
            disabled={actions.busy}
            data-testid={PANEL_ACTIONS[name]}
            type="button"
          >
            {tm(`conversationView.actions.${name}`)}
          </Button>
        ))}
      </Buttons>
      {actions.open === 'assign' ? <AssignForm actions={actions} currentId={assigneeId} /> : null}
      {actions.open === 'linkLead' ? <LinkLeadForm actions={actions} /> : null}
      {actions.open === 'createLead' ? <CreateLeadForm actions={actions} /> : null}
    </Section>
  );
};
