import React, { useEffect, useState } from 'react';
import { Box, H5, Text } from '@adminjs/design-system';
import { ApiClient, useTranslation, type RecordJSON, type ResourceJSON } from 'adminjs';

interface ActivityRow {
  id: number;
  kind: string;
  summary: string | null;
  occurredAt: string;
}

const api = new ApiClient();

/** The sample CRM's activity timeline on one of its records (its own `activities` table). */
const RecordActivities = ({ record, resource }: { record?: RecordJSON; resource: ResourceJSON }) => {
  const [rows, setRows] = useState<ActivityRow[]>([]);
  const { translateMessage, i18n } = useTranslation();
  useEffect(() => {
    void api.recordAction({ resourceId: resource.id, recordId: record!.id, actionName: 'activities' }).then(({ data }) => setRows((data as { activities?: ActivityRow[] }).activities ?? []));
  }, [record?.id]);
  return (
    <Box mb="xl" data-testid="record-activities">
      <H5 mb="default">{translateMessage('crm.activities', resource.id)}</H5>
      {rows.length === 0 ? <Text color="grey60">{translateMessage('crm.noActivity', resource.id)}</Text> : null}
      {rows.map((row) => (
        <Text key={row.id} mb="sm" data-testid="activity">
          {new Date(row.occurredAt).toLocaleString(i18n.language)} · {translateMessage(`integrations.eventKinds.${row.kind}`, resource.id)}
          {row.summary ? <span dir="auto"> · {row.summary}</span> : null}
        </Text>
      ))}
    </Box>
  );
};

export default RecordActivities;
