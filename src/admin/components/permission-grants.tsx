import React from 'react';
import { Box, H4, Loader, MessageBox, Text } from '@adminjs/design-system';
import type { ActionProps } from 'adminjs';
import type { PermissionOverview } from '../../permissions/permission-overview.js';
import type { PermissionScreen } from '../resources/permission-actions.js';
import { PermissionChangesList } from './permission-changes-list.tsx';
import { PermissionMatrix } from './permission-matrix.tsx';
import { PermissionPresetForm } from './permission-preset-form.tsx';
import { adminUserParams } from './record-params.ts';
import { usePermissionLabels } from './use-permission-labels.ts';
import { usePermissionScreen } from './use-permission-screen.ts';

const hasOverview = (screen: PermissionScreen | null): screen is PermissionScreen & PermissionOverview => Boolean(screen?.permissions);

/** What one agent holds, what the viewer may change of it, and the latest changes. */
const PermissionGrants = (props: ActionProps) => {
  const { screen, busy, change } = usePermissionScreen(props);
  const labels = usePermissionLabels(props.resource.id, screen?.numbers ?? []);
  const { tm } = labels;
  if (!hasOverview(screen)) {
    return (
      <Box variant="white" data-testid="permission-grants">
        {screen?.notice ? <MessageBox variant="danger" message={tm(screen.notice.message, screen.notice.options)} /> : <Loader />}
      </Box>
    );
  }
  const onChange = (op: 'grant' | 'revoke', permission: string, scope: string) =>
    void change(op, permission, scope, { permission: labels.label(permission), number: labels.numberLabel(scope) });
  return (
    <Box variant="white" data-testid="permission-grants">
      <H4 mb="lg" dir="auto">
        {tm('permissions.screen.of', { name: adminUserParams(props.record!).name ?? props.record!.title })}
      </H4>
      {screen.locked ? <MessageBox mb="lg" variant="info" message={tm(screen.locked)} /> : null}
      {screen.numbers.length === 0 ? <Text mb="lg">{tm('permissions.screen.noNumbers')}</Text> : null}
      {!screen.locked && screen.presets.length ? (
        <PermissionPresetForm
          presets={screen.presets}
          numbers={screen.numbers}
          labels={labels}
          busy={busy}
          onApply={(preset, scope) => void change('preset', preset, scope, { preset: tm(`permissions.presets.${preset}`, { defaultValue: preset }) })}
        />
      ) : null}
      <PermissionMatrix screen={screen} labels={labels} busy={busy} onChange={onChange} />
      <H4 mt="xl" mb="md">
        {tm('permissions.screen.changes')}
      </H4>
      <PermissionChangesList changes={screen.changes} labels={labels} />
    </Box>
  );
};

export default PermissionGrants;
