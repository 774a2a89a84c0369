import { useCallback, useEffect, useState } from 'react';
import { useNotice, type ActionProps, type NoticeMessage } from 'adminjs';
import type { PermissionScreen } from '../resources/permission-actions.js';
import { formData, recordAction } from './action-client.ts';

/**
 * What one agent holds, read by the permissions action's GET; a change is its POST, which
 * answers the fresh screen and a notice (the server decides: no escalation, role defaults untouchable).
 */
export const usePermissionScreen = ({ record, resource, action }: ActionProps) => {
  const [screen, setScreen] = useState<PermissionScreen | null>(null);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();

  const call = useCallback(
    (data?: FormData) => recordAction<PermissionScreen>({ resourceId: resource.id, recordId: record!.id, actionName: action.name, data }),
    [resource.id, record?.id, action.name],
  );

  useEffect(() => {
    void call().then(setScreen);
  }, [call]);

  /** Grants or revokes `permission` (or grants the preset named so) for one number or every number; `noticeOptions` name them in the notice. */
  const change = async (op: 'grant' | 'revoke' | 'preset', permission: string, scope: string, noticeOptions: NonNullable<NoticeMessage['options']>) => {
    setBusy(true);
    try {
      const answer = await call(formData(op === 'preset' ? { op, preset: permission, accountId: scope } : { op, permission, accountId: scope }));
      if (answer.permissions) setScreen(answer);
      if (answer.notice) addNotice({ ...answer.notice, resourceId: resource.id, options: { ...answer.notice.options, ...noticeOptions } });
    } finally {
      setBusy(false);
    }
  };

  return { screen, busy, change };
};
