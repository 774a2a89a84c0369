import React from 'react';
import { Box, FormGroup, Input, Label, Text } from '@adminjs/design-system';
import { useTranslation } from 'adminjs';
import type { AudienceKind, BroadcastEditorState } from './use-broadcast-editor.ts';
import { Select } from './panel-section.ts';

const KINDS: AudienceKind[] = ['csv', 'labels', 'attributes', 'crm'];

/** Who the broadcast goes to: a CSV file (with its import report), labels, attributes, or one of the CRM's audiences. */
export const BroadcastAudienceFields = ({ editor, resourceId }: { editor: BroadcastEditorState; resourceId: string }) => {
  const { translateMessage: tm } = useTranslation();
  const t = (key: string, options?: Record<string, string | number>) => tm(`campaigns.broadcast.${key}`, resourceId, options);
  const { fields, set, number, page, upload } = editor;
  const crm = page?.choices.crmAudiences ?? [];
  const kinds = KINDS.filter((kind) => kind !== 'crm' || crm.length > 0);
  const rows = page?.draft?.csvRows;

  return (
    <FormGroup>
      <Label>{t('audience')}</Label>
      <Box flex flexDirection="row" style={{ gap: 16 }} mb="default" role="radiogroup">
        {kinds.map((kind) => (
          <label key={kind}>
            <input type="radio" name="audience-kind" value={kind} checked={fields.audienceKind === kind} onChange={() => set('audienceKind', kind)} /> {t(`audienceKind.${kind}`)}
          </label>
        ))}
      </Box>
      {fields.audienceKind === 'csv' ? (
        <Box>
          <input type="file" accept=".csv,text/csv" aria-label={t('csvFile')} data-testid="broadcast-csv" disabled={editor.busy}
            onChange={(e) => { const file = e.target.files?.[0]; if (file) void editor.uploadCsv(file); }} />
          <Text mt="sm" color="grey60">{t('csvHint')}</Text>
          {rows ? (
            <Text mt="sm" data-testid="broadcast-csv-report">
              {t('csvRows', { count: rows.total, accepted: rows.accepted })}
              {rows.skipped.map((s) => ` · ${tm(`campaigns.skipReason.${s.reason}`, resourceId)}: ${s.count}`).join('')}
            </Text>
          ) : null}
          {upload && 'problems' in upload && upload.problems.length > 0 ? (
            <table data-testid="broadcast-csv-problems">
              <thead>
                <tr><th>{tm('campaigns.export.line', resourceId)}</th><th>{tm('campaigns.export.phone', resourceId)}</th><th>{tm('campaigns.export.outcome', resourceId)}</th></tr>
              </thead>
              <tbody>
                {upload.problems.map((p) => (
                  <tr key={p.line}>
                    <td>{p.line}</td>
                    <td dir="ltr"><bdi>{p.phone}</bdi></td>
                    <td>{tm(`campaigns.skipReason.${p.reason}`, resourceId)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : null}
        </Box>
      ) : null}
      {fields.audienceKind === 'labels' ? (
        <Box>
          {(number?.labels ?? []).length === 0 ? <Text color="grey60">{t('noLabels')}</Text> : null}
          {(number?.labels ?? []).map((label) => (
            <label key={label} style={{ marginInlineEnd: 12 }}>
              <input type="checkbox" checked={fields.labels.includes(label)}
                onChange={(e) => set('labels', e.target.checked ? [...fields.labels, label] : fields.labels.filter((l) => l !== label))} /> <bdi>{label}</bdi>
            </label>
          ))}
          <Select aria-label={t('labelsMatch')} value={fields.match} onChange={(e) => set('match', e.target.value as 'any' | 'all')}>
            <option value="any">{t('labelsAny')}</option>
            <option value="all">{t('labelsAll')}</option>
          </Select>
        </Box>
      ) : null}
      {fields.audienceKind === 'attributes' ? (
        <Box>
          {fields.conditions.map((condition, index) => (
            <Box key={index} flex flexDirection="row" style={{ gap: 8 }} mb="sm">
              <Select aria-label={t('attribute')} value={condition.key}
                onChange={(e) => set('conditions', fields.conditions.map((c, i) => (i === index ? { ...c, key: e.target.value } : c)))}>
                <option value="">{t('chooseAttribute')}</option>
                {(number?.attributeKeys ?? []).map((key) => <option key={key} value={key}>{key}</option>)}
              </Select>
              <Input aria-label={t('attributeValue')} value={condition.value}
                onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('conditions', fields.conditions.map((c, i) => (i === index ? { ...c, value: e.target.value } : c)))} />
            </Box>
          ))}
          <button type="button" onClick={() => set('conditions', [...fields.conditions, { key: '', value: '' }])}>{t('addCondition')}</button>
        </Box>
      ) : null}
      {fields.audienceKind === 'crm' ? (
        <Select aria-label={t('audienceKind.crm')} value={fields.crmAudience} onChange={(e) => set('crmAudience', e.target.value)}>
          <option value="">{t('chooseCrmAudience')}</option>
          {crm.map((a) => <option key={a.name} value={a.name}>{a.label}</option>)}
        </Select>
      ) : null}
    </FormGroup>
  );
};
