import React, { useState } from 'react';
import { Box, Button, Text } from '@adminjs/design-system';
import { EVERY_NUMBER } from '../../permissions/permission-names.ts';
import type { PermissionOverview } from '../../permissions/permission-overview.js';
import type { PermissionScreen } from '../resources/permission-actions.js';
import { Select } from './panel-section.ts';
import type { PermissionLabels } from './use-permission-labels.ts';

interface PermissionPresetFormProps {
  presets: PermissionScreen['presets'];
  numbers: PermissionOverview['numbers'];
  labels: PermissionLabels;
  busy: boolean;
  onApply: (preset: string, scope: string) => void;
}

/** A preset (Agent, Senior agent, Supervisor…) granted in one step, for every number or one; the matrix below adjusts it. */
export const PermissionPresetForm = ({ presets, numbers, labels: { tm, label, numberLabel }, busy, onApply }: PermissionPresetFormProps) => {
  const [preset, setPreset] = useState(presets[0]?.name ?? '');
  const [scope, setScope] = useState(EVERY_NUMBER);
  const chosen = presets.find((candidate) => candidate.name === preset);
  const presetName = (name: string) => tm(`permissions.presets.${name}`, { defaultValue: name });
  return (
    <Box mb="xl" data-testid="permission-presets">
      <Text mb="sm">{tm('permissions.presetForm.help')}</Text>
      <Box flex flexDirection="row" style={{ gap: 8 }} alignItems="center">
        <Select value={preset} onChange={(event) => setPreset(event.target.value)} aria-label={tm('permissions.presetForm.preset')} data-testid="preset-choice">
          {presets.map((candidate) => (
            <option key={candidate.name} value={candidate.name}>
              {presetName(candidate.name)}
            </option>
          ))}
        </Select>
        <Select value={scope} onChange={(event) => setScope(event.target.value)} aria-label={tm('permissions.presetForm.number')} data-testid="preset-number">
          <option value={EVERY_NUMBER}>{numberLabel(EVERY_NUMBER)}</option>
          {numbers.map((number) => (
            <option key={number.id} value={number.id}>
              {numberLabel(number.id)}
            </option>
          ))}
        </Select>
        <Button type="button" variant="contained" disabled={busy || !chosen} onClick={() => onApply(preset, scope)} data-testid="preset-apply">
          {tm('permissions.presetForm.apply')}
        </Button>
      </Box>
      {chosen ? <Text mt="sm" variant="sm">{tm('permissions.presetForm.contents', { permissions: chosen.permissions.map(label).join(', ') })}</Text> : null}
    </Box>
  );
};
