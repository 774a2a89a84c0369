import React from 'react';
import { Box, Text } from '@adminjs/design-system';
import type { PermissionOverview } from '../../permissions/permission-overview.js';
import type { PermissionLabels } from './use-permission-labels.ts';

/** The latest grants and revocations of this agent, newest first, by whom and for which number. */
export const PermissionChangesList = ({ changes, labels: { tm, label, numberLabel } }: { changes: PermissionOverview['changes']; labels: PermissionLabels }) => (
  <Box as="ul" data-testid="permission-changes" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
    {changes.length === 0 ? <Text as="li">{tm('permissions.screen.noChanges')}</Text> : null}
    {changes.map((row) => (
      <Text as="li" key={row.id} mb="sm" dir="auto" data-change={row.change}>
        {tm(`permissions.change.${row.change}`, {
          actor: row.actorName ?? tm('permissions.change.unknownActor'),
          permission: label(row.permission),
          number: row.accountId === null ? numberLabel(null) : (row.numberName ?? tm('permissions.change.deletedNumber')),
          date: new Date(row.createdAt).toLocaleString(),
        })}
      </Text>
    ))}
  </Box>
);
