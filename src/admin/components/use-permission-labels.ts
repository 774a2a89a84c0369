import { useTranslation } from 'adminjs';
import type { PermissionOverview } from '../../permissions/permission-overview.js';
import { EVERY_NUMBER } from '../../permissions/permission-names.ts';

/** The permissions screen's texts (permissions.json), and how it names a permission and a number. */
export const usePermissionLabels = (resourceId: string, numbers: PermissionOverview['numbers']) => {
  const { translateMessage } = useTranslation();
  const tm = (key: string, params?: Record<string, unknown>) => translateMessage(key, resourceId, params);
  const label = (permission: string) => tm(`permissions.names.${permission}.label`);
  const numberLabel = (accountId: string | null) => {
    if (!accountId || accountId === EVERY_NUMBER) return tm('permissions.screen.allNumbers');
    const number = numbers.find((n) => n.id === accountId);
    if (!number) return tm('permissions.change.deletedNumber');
    return number.phone ? tm('permissions.screen.numberWithPhone', { name: number.name, phone: number.phone }) : number.name;
  };
  return { tm, label, numberLabel };
};

export type PermissionLabels = ReturnType<typeof usePermissionLabels>;
