import { useEffect, useMemo, useState } from 'react';
import { useNavigate } from 'react-router';
import { useNotice, type ActionProps } from 'adminjs';
import type { BroadcastAudience, ParameterMapping } from '../../domain/campaign-kinds.js';
import type { CsvUploadAnswer } from '../broadcast-routes.js';
import type { BroadcastEditorPage, BroadcastSaveAnswer } from '../resources/broadcasts.resource.js';
import { formData, recordAction, resourceAction } from './action-client.ts';
import { rootPath } from './admin-paths.ts';

export type AudienceKind = 'labels' | 'attributes' | 'crm' | 'csv';

/** What the editor's fields hold. */
export interface BroadcastFields {
  name: string;
  accountId: string;
  templateId: string;
  audienceKind: AudienceKind;
  labels: string[];
  match: 'any' | 'all';
  conditions: { key: string; value: string }[];
  crmAudience: string;
  parameters: Record<string, ParameterMapping>;
  /** Empty: the number's own speed. */
  messagesPerSecond: string;
  useMarketingApi: boolean;
  /** `YYYY-MM-DDTHH:MM` in the browser's zone; empty: when launched. */
  scheduledAt: string;
}

const EMPTY: BroadcastFields = {
  name: '', accountId: '', templateId: '', audienceKind: 'csv', labels: [], match: 'any', conditions: [{ key: '', value: '' }], crmAudience: '',
  parameters: {}, messagesPerSecond: '', useMarketingApi: false, scheduledAt: '',
};

function fieldsOf(draft: NonNullable<BroadcastEditorPage['draft']>): BroadcastFields {
  const audience = draft.audience;
  const local = draft.scheduledAt ? new Date(new Date(draft.scheduledAt).getTime() - new Date().getTimezoneOffset() * 60_000).toISOString().slice(0, 16) : '';
  return {
    ...EMPTY,
    name: draft.name,
    accountId: draft.accountId,
    templateId: draft.templateId ?? '',
    audienceKind: audience.kind === 'none' ? 'csv' : audience.kind,
    labels: audience.kind === 'labels' ? audience.labels : [],
    match: audience.kind === 'labels' ? audience.match : 'any',
    conditions: audience.kind === 'attributes' && audience.conditions.length > 0 ? audience.conditions : EMPTY.conditions,
    crmAudience: audience.kind === 'crm' ? audience.audience : '',
    parameters: draft.parameters,
    messagesPerSecond: draft.messagesPerSecond ? String(draft.messagesPerSecond) : '',
    useMarketingApi: draft.useMarketingApi,
    scheduledAt: local,
  };
}

function audienceOf(fields: BroadcastFields): Exclude<BroadcastAudience, { kind: 'csv' }> | null {
  switch (fields.audienceKind) {
    case 'labels':
      return { kind: 'labels', labels: fields.labels, match: fields.match };
    case 'attributes':
      return { kind: 'attributes', conditions: fields.conditions.filter((c) => c.key.trim()) };
    case 'crm':
      return { kind: 'crm', audience: fields.crmAudience };
    case 'csv':
      return null;
  }
}

/**
 * The broadcast being written: its fields, what the server offers (numbers, templates, labels,
 * attributes, CRM audiences), the CSV upload and its report, the preview, and the three steps —
 * save the draft, upload the file, launch. The server checks everything again.
 */
export const useBroadcastEditor = ({ resource, record, action }: ActionProps) => {
  const [page, setPage] = useState<BroadcastEditorPage | null>(null);
  const [fields, setFields] = useState<BroadcastFields>(EMPTY);
  const [upload, setUpload] = useState<CsvUploadAnswer | null>(null);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const navigate = useNavigate();
  const broadcastId = record?.id ?? null;

  const load = async () => {
    const answer = broadcastId
      ? await recordAction<BroadcastEditorPage>({ resourceId: resource.id, recordId: broadcastId, actionName: 'edit' })
      : await resourceAction<BroadcastEditorPage>({ resourceId: resource.id, actionName: action.name });
    setPage(answer);
    if (answer.draft) setFields(fieldsOf(answer.draft));
    else if (answer.choices?.numbers[0]) setFields((current) => ({ ...current, accountId: current.accountId || answer.choices.numbers[0]!.id }));
  };
  useEffect(() => void load(), [broadcastId]);

  const number = page?.choices.numbers.find((n) => n.id === fields.accountId) ?? null;
  const template = number?.templates.find((t) => t.id === fields.templateId) ?? null;
  const columns = useMemo(() => {
    if (fields.audienceKind === 'csv') return (page?.draft?.audience.kind === 'csv' ? page.draft.audience.columns : null) ?? (upload && 'columns' in upload ? upload.columns : []);
    if (fields.audienceKind === 'crm') return page?.choices.crmAudiences.find((a) => a.name === fields.crmAudience)?.fields ?? [];
    return [];
  }, [fields.audienceKind, fields.crmAudience, page, upload]);

  const set = <K extends keyof BroadcastFields>(key: K, value: BroadcastFields[K]) => setFields((current) => ({ ...current, [key]: value }));

  /** Saves the draft; returns its id, or null when the server refused (its notice is shown). */
  const save = async (): Promise<string | null> => {
    const when = fields.scheduledAt ? new Date(fields.scheduledAt).toISOString() : null;
    const body = {
      accountId: fields.accountId, name: fields.name, templateId: fields.templateId || null, audience: audienceOf(fields), parameters: fields.parameters,
      messagesPerSecond: fields.messagesPerSecond ? Number(fields.messagesPerSecond) : null, useMarketingApi: fields.useMarketingApi, scheduledAt: when,
    };
    const request = { resourceId: resource.id, actionName: broadcastId ? 'edit' : 'new', data: formData({ broadcast: JSON.stringify(body) }) };
    const answer = broadcastId
      ? await recordAction<BroadcastSaveAnswer>({ ...request, recordId: broadcastId })
      : await resourceAction<BroadcastSaveAnswer>(request);
    if (answer.notice) addNotice({ ...answer.notice, resourceId: resource.id });
    return answer.broadcastId ?? null;
  };

  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };

  const saveDraft = () =>
    run(async () => {
      const id = await save();
      if (id && !broadcastId) navigate(`${rootPath()}/resources/${resource.id}/records/${id}/edit`);
      else if (id) await load();
    });

  const uploadCsv = (file: File) =>
    run(async () => {
      const id = broadcastId ?? (await save());
      if (!id) return;
      const response = await fetch(`${rootPath()}/whatsapp/broadcasts/${encodeURIComponent(id)}/recipients?name=${encodeURIComponent(file.name)}`, {
        method: 'POST',
        headers: { 'content-type': 'text/csv' },
        body: file,
      });
      const answer = (await response.json()) as CsvUploadAnswer;
      setUpload(answer);
      if ('refusal' in answer) addNotice({ message: answer.refusal.key, type: 'error', options: answer.refusal.params, resourceId: resource.id });
      if (!broadcastId) navigate(`${rootPath()}/resources/${resource.id}/records/${id}/edit`);
      else await load();
    });

  const launch = () =>
    run(async () => {
      const id = await save();
      if (!id) return;
      const answer = await recordAction<{ redirectUrl?: string }>({ resourceId: resource.id, recordId: id, actionName: 'launch', data: formData({}) });
      if (answer.notice) addNotice({ ...answer.notice, resourceId: resource.id });
      if (answer.redirectUrl) navigate(answer.redirectUrl);
    });

  return { page, fields, set, number, template, columns, upload, busy, broadcastId, saveDraft, uploadCsv, launch };
};

export type BroadcastEditorState = ReturnType<typeof useBroadcastEditor>;
