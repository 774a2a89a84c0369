import type { ResourceWithOptions } from 'adminjs';
import { PERMISSION_CHANGES, WhatsAppPermissionChange } from '../../entities/whatsapp-permission-change.entity.js';
import { PERMISSIONS } from '../../permissions/permission-names.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { mayGrantPermissions } from './permission-actions.js';
import { readOnlyActions } from './read-only-actions.js';
import { referenceProperties } from './references.js';

const values = (list: readonly string[]) => list.map((value) => ({ value, label: value }));

/** The audit of grants and revocations across all agents: read-only, for those who grant. */
export function permissionChangesResource(): ResourceWithOptions {
  return {
    resource: WhatsAppPermissionChange,
    options: {
      id: RESOURCE_IDS.permissionChanges,
      navigation: WHATSAPP_NAVIGATION,
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['createdAt', 'agentId', 'change', 'permission', 'accountId', 'actorId'],
      showProperties: ['createdAt', 'agentId', 'change', 'permission', 'accountId', 'actorId'],
      filterProperties: ['agentId', 'change', 'permission', 'accountId', 'actorId', 'createdAt'],
      properties: {
        // Not a foreign key (the audit outlives a deleted number), but shown as the number while it exists.
        ...referenceProperties('agentId', 'accountId', 'actorId'),
        change: { availableValues: values(PERMISSION_CHANGES) },
        permission: { availableValues: values(PERMISSIONS) },
      },
      actions: readOnlyActions(mayGrantPermissions),
    },
  };
}
