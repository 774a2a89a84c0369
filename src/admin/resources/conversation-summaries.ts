import type { ActionResponse, After, RecordJSON } from 'adminjs';
import type { DataSource } from 'typeorm';
import { loadConversationSummaries } from '../../conversations/read/conversation-summaries.js';

/**
 * Adds who the conversation is with (name, phone, matched CRM record, linked lead) to listed and
 * shown conversations, in one query per page rather than one per row.
 */
export function withConversationSummaries(dataSource: DataSource): After<ActionResponse> {
  return async (response) => {
    const records: RecordJSON[] = response.records ?? (response.record ? [response.record] : []);
    const summaries = await loadConversationSummaries(dataSource, records.map((record) => record.id).filter(Boolean));
    for (const record of records) {
      const summary = summaries.get(record.id);
      if (!summary) continue;
      record.params.contactName = summary.contactName;
      record.params.contactPhone = summary.contactPhone;
      record.params.crmRecord = summary.crmRecord;
      record.params.leadName = summary.leadName;
      record.params.waitingSince = summary.waitingSince;
      // Flat, as AdminJS keeps params: the list's SLA cell reads them.
      record.params.slaTarget = summary.sla?.kind ?? null;
      record.params.slaRemainingSeconds = summary.sla?.remainingSeconds ?? null;
      record.params.slaBreached = summary.sla?.breached ?? false;
      record.params.slaWarned = summary.sla?.warned ?? false;
      record.params.slaPaused = summary.sla?.paused ?? false;
    }
    return response;
  };
}

/**
 * Adds who the conversation is with (`conversationContact`: the name, else the number) to listed
 * and shown records that belong to a conversation (messages, audit rows), so the lists name
 * people rather than conversation ids.
 */
export function withConversationContacts(dataSource: DataSource): After<ActionResponse> {
  return async (response) => {
    const records: RecordJSON[] = response.records ?? (response.record ? [response.record] : []);
    const summaries = await loadConversationSummaries(dataSource, [...new Set(records.map((record) => String(record.params.conversationId ?? '')).filter(Boolean))]);
    for (const record of records) {
      const summary = summaries.get(String(record.params.conversationId));
      if (summary) record.params.conversationContact = summary.contactName ?? summary.contactPhone;
    }
    return response;
  };
}
