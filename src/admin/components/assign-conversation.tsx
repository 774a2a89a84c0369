import React, { useState } from 'react';
import { Box, Button, FormGroup, Label, MessageBox, Select, Text } from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';
import { ActionResult } from './action-result.tsx';
import { conversationParams } from './record-params.ts';
import { useAssignConversation } from './use-assign-conversation.ts';

/**
 * Assign one conversation, or the ones selected in the list. The bulk resolve page is this page
 * without the choice of agent. The server decides who may be chosen and checks again.
 */
const AssignConversation = (props: ActionProps) => {
  const page = useAssignConversation(props);
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const { translateMessage } = useTranslation();
  const resourceId = props.resource.id;
  const t = (key: string, options?: Record<string, unknown>) => translateMessage(`inbox.${key}`, resourceId, options);
  const { assignees, record, count, busy } = page;

  if (page.bulk && count === 0) return <Text>{t('assignPage.noneSelected')}</Text>;
  if (assignees === undefined) return null;
  const options = (assignees ?? []).map((a) => ({ value: a.id, label: `${a.name} <${a.email}>` }));
  const current = record ? conversationParams(record).assigneeId : null;
  const currentName = current ? (assignees?.find((a) => a.id === current)?.name ?? record?.populated.assigneeId?.title ?? current) : null;
  return (
    <Box variant="white" data-testid="assign-conversation">
      <ActionResult notice={page.result} resourceId={resourceId} />
      {assignees ? (
        <>
          <Text mb="lg">{page.bulk ? t('assignPage.introMany', { count }) : t('assignPage.intro')}</Text>
          {page.bulk ? null : (
            <Text mb="lg" color="grey60" dir="auto" data-testid="current-assignee">
              {currentName ? t('assignPage.current', { name: currentName }) : t('assignPage.nobody')}
            </Text>
          )}
          {assignees.length === 0 ? <MessageBox mb="lg" variant="info" message={t('assignPage.noAssignees')} /> : null}
          <FormGroup>
            <Label>{t('assignPage.pick')}</Label>
            <Select value={options.find((option) => option.value === assigneeId) ?? null} options={options} onChange={(option: { value: string } | null) => setAssigneeId(option?.value ?? null)} />
          </FormGroup>
          <Box flex flexDirection="row" style={{ gap: 8 }}>
            <Button variant="contained" onClick={() => void page.run(assigneeId)} disabled={busy || !assigneeId} data-testid="assign-submit">
              {t('assignPage.submit')}
            </Button>
            <Button variant="outlined" onClick={() => void page.run('me')} disabled={busy} data-testid="assign-me">
              {t('assignPage.me')}
            </Button>
          </Box>
        </>
      ) : (
        <>
          <Text mb="lg">{t('assignPage.resolveMany', { count })}</Text>
          <Button variant="contained" onClick={() => void page.run(null)} disabled={busy} data-testid="bulk-resolve-submit">
            {t('assignPage.resolveSubmit')}
          </Button>
        </>
      )}
    </Box>
  );
};

export default AssignConversation;
