import React from 'react';
import { Box, Button, FormGroup, Input, Label, Text } from '@adminjs/design-system';
import { useTranslation, type ActionProps } from 'adminjs';
import { BroadcastAudienceFields } from './broadcast-audience-fields.tsx';
import { BroadcastPreviewList } from './broadcast-preview-list.tsx';
import { ParameterMappingFields } from './parameter-mapping-fields.tsx';
import { Select } from './panel-section.ts';
import { useBroadcastEditor } from './use-broadcast-editor.ts';

/** The broadcast editor (new and edit): number, template, audience, parameters, speed and time; save, upload, launch. */
const BroadcastEditor = (props: ActionProps) => {
  const editor = useBroadcastEditor(props);
  const { translateMessage: tm } = useTranslation();
  const { page, fields, set, number, template, busy } = editor;
  const t = (key: string, options?: Record<string, string | number>) => tm(`campaigns.broadcast.${key}`, props.resource.id, options);
  if (!page) return <Box variant="white">{t('loading')}</Box>;
  if (page.choices.numbers.length === 0) return <Box variant="white">{t('noNumber')}</Box>;
  const marketing = template?.category?.toUpperCase() === 'MARKETING';

  return (
    <Box variant="white" data-testid="broadcast-editor">
      <FormGroup>
        <Label htmlFor="broadcast-name" required>{t('name')}</Label>
        <Input id="broadcast-name" value={fields.name} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('name', e.target.value)} />
      </FormGroup>
      <FormGroup>
        <Label htmlFor="broadcast-number">{t('number')}</Label>
        <Select id="broadcast-number" value={fields.accountId} disabled={Boolean(editor.broadcastId)} onChange={(e) => set('accountId', e.target.value)}>
          {page.choices.numbers.map((n) => (
            <option key={n.id} value={n.id}>
              {n.name}
            </option>
          ))}
        </Select>
      </FormGroup>
      <FormGroup>
        <Label htmlFor="broadcast-template" required>{t('template')}</Label>
        <Select id="broadcast-template" value={fields.templateId} onChange={(e) => set('templateId', e.target.value)}>
          <option value="">{t('chooseTemplate')}</option>
          {(number?.templates ?? []).map((tpl) => (
            <option key={tpl.id} value={tpl.id}>
              {tpl.name} ({tpl.language})
            </option>
          ))}
        </Select>
        {template?.body ? (
          <Text mt="sm" color="grey60" dir="auto">
            {template.body}
          </Text>
        ) : null}
      </FormGroup>
      <BroadcastAudienceFields editor={editor} resourceId={props.resource.id} />
      <ParameterMappingFields resourceId={props.resource.id} template={template} parameters={fields.parameters} onChange={(parameters) => set('parameters', parameters)}
        columns={editor.columns} attributeKeys={number?.attributeKeys ?? []} />
      <FormGroup>
        <Label htmlFor="broadcast-speed">{t('speed')}</Label>
        <Input id="broadcast-speed" type="number" min={1} max={1000} dir="ltr" value={fields.messagesPerSecond} placeholder={t('speedDefault')} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('messagesPerSecond', e.target.value)} />
      </FormGroup>
      <FormGroup>
        <Label htmlFor="broadcast-schedule">{t('schedule')}</Label>
        <Input id="broadcast-schedule" type="datetime-local" dir="ltr" value={fields.scheduledAt} onChange={(e: React.ChangeEvent<HTMLInputElement>) => set('scheduledAt', e.target.value)} />
        <Text mt="sm" color="grey60">{fields.scheduledAt ? t('scheduleHint') : t('sendNowHint')}</Text>
      </FormGroup>
      {marketing && number?.marketingMessagesApi ? (
        <FormGroup>
          <label>
            <input type="checkbox" checked={fields.useMarketingApi} onChange={(e) => set('useMarketingApi', e.target.checked)} /> {t('marketingApi')}
          </label>
        </FormGroup>
      ) : null}
      {page.preview && page.preview.length > 0 ? <BroadcastPreviewList preview={page.preview} resourceId={props.resource.id} /> : null}
      <Box flex flexDirection="row" style={{ gap: 8 }} mt="lg">
        <Button type="button" variant="outlined" disabled={busy} onClick={() => void editor.saveDraft()} data-testid="broadcast-save">
          {t('saveDraft')}
        </Button>
        <Button type="button" variant="contained" disabled={busy || !editor.broadcastId} onClick={() => void editor.launch()} data-testid="broadcast-launch">
          {fields.scheduledAt ? t('schedule') : t('launch')}
        </Button>
      </Box>
    </Box>
  );
};

export default BroadcastEditor;
