import type { ResourceWithOptions } from 'adminjs';
import { NOTICE_SUMMARIES } from '../../domain/account-notice.js';
import { WhatsAppAccountNotice } from '../../entities/whatsapp-account-notice.entity.js';
import { holding } from '../access.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { readOnlyActions } from './read-only-actions.js';
import { referenceProperties } from './references.js';

/** What Meta said about the numbers (bans, reviews, limits, alerts…), newest first, for those who manage the numbers. */
export function accountNoticesResource(): ResourceWithOptions {
  return {
    resource: WhatsAppAccountNotice,
    options: {
      id: RESOURCE_IDS.accountNotices,
      navigation: WHATSAPP_NAVIGATION,
      sort: { sortBy: 'occurredAt', direction: 'desc' },
      listProperties: ['occurredAt', 'accountId', 'severity', 'summaryKey', 'field'],
      filterProperties: ['accountId', 'severity', 'field', 'occurredAt'],
      properties: {
        ...referenceProperties('accountId'),
        severity: { availableValues: ['info', 'warning', 'critical'].map((value) => ({ value, label: value })) },
        // Shown translated (labels summaryKey.<summary> in admin.json), never as the key.
        summaryKey: { availableValues: NOTICE_SUMMARIES.map((summary) => ({ value: `accountHealth.notice.${summary}`, label: summary })) },
        details: { type: 'mixed' },
      },
      actions: readOnlyActions(holding('accounts.manage')),
    },
  };
}
