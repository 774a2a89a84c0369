import type { ActionResponse, After, RecordJSON, ResourceWithOptions } from 'adminjs';
import type { DataSource } from 'typeorm';
import { loadMentionSummaries } from '../../conversations/read/mention-summaries.js';
import { WhatsAppMention } from '../../entities/whatsapp-mention.entity.js';
import { ownMentionsPredicate } from '../../permissions/visible-mentions.js';
import { holdingSomewhere } from '../access.js';
import { RESOURCE_IDS } from '../resource-ids.js';
import { ScopedResource } from '../scoped-resource.js';
import { WHATSAPP_NAVIGATION } from './navigation.js';
import { readOnlyActions } from './read-only-actions.js';
import { referenceProperties } from './references.js';

const summaryProperty = { type: 'string' as const, isVisible: { list: true, show: true, edit: false, filter: false } };

/** Adds the note, its author and the customer to each listed mention, one query per page. */
function withSummaries(dataSource: DataSource): After<ActionResponse> {
  return async (response) => {
    const records: RecordJSON[] = response.records ?? (response.record ? [response.record] : []);
    const summaries = await loadMentionSummaries(dataSource, records.map((record) => record.id).filter(Boolean));
    for (const record of records) {
      const summary = summaries.get(record.id);
      if (!summary) continue;
      record.params.note = summary.note;
      record.params.author = summary.author;
      record.params.contactName = summary.contactName;
    }
    return response;
  };
}

/** Where an agent finds the notes that @mentioned them (their own only), newest first; opening the conversation sees them. */
export function mentionsResource(dataSource: DataSource, customerText: string): ResourceWithOptions {
  const mayList = holdingSomewhere('inbox.view');
  return {
    resource: new ScopedResource(WhatsAppMention, ownMentionsPredicate),
    options: {
      id: RESOURCE_IDS.mentions,
      navigation: WHATSAPP_NAVIGATION,
      sort: { sortBy: 'createdAt', direction: 'desc' },
      listProperties: ['createdAt', 'author', 'note', 'contactName', 'conversationId', 'seenAt'],
      showProperties: ['createdAt', 'author', 'note', 'contactName', 'conversationId', 'seenAt'],
      filterProperties: ['seenAt', 'createdAt'],
      properties: {
        ...referenceProperties('conversationId'),
        note: { ...summaryProperty, components: { list: customerText, show: customerText } },
        author: summaryProperty,
        contactName: { ...summaryProperty, components: { list: customerText, show: customerText } },
        noteId: { isVisible: false },
        agentId: { isVisible: false },
      },
      actions: {
        ...readOnlyActions(mayList),
        list: { isAccessible: mayList, after: withSummaries(dataSource) },
        show: { isAccessible: mayList, after: withSummaries(dataSource) },
      },
    },
  };
}
