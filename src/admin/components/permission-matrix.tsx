import React, { type CSSProperties } from 'react';
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import type { PermissionOverview } from '../../permissions/permission-overview.js';
import { EVERY_NUMBER } from '../../permissions/permission-names.ts';
import { permissionCellState } from './permission-cell-state.ts';
import type { PermissionLabels } from './use-permission-labels.ts';

// Logical properties only: the matrix reads right to left in Arabic without a second stylesheet.
const cellStyle: CSSProperties = { textAlign: 'center', paddingInline: 12, paddingBlock: 8 };
const headStyle: CSSProperties = { textAlign: 'start', paddingInline: 12, paddingBlock: 8, whiteSpace: 'nowrap' };

interface PermissionMatrixProps {
  screen: PermissionOverview;
  labels: PermissionLabels;
  busy: boolean;
  onChange: (op: 'grant' | 'revoke', permission: string, scope: string) => void;
}

/** Permissions × (all numbers, each number). A click grants or revokes at once; cells the viewer may not change are disabled and say why. */
export const PermissionMatrix = ({ screen, labels: { tm, label, numberLabel }, busy, onChange }: PermissionMatrixProps) => {
  const scopes = [EVERY_NUMBER, ...screen.numbers.map((n) => n.id)];
  const cell = (permission: PermissionOverview['permissions'][number], scope: string) => {
    const { checked, why } = permissionCellState(screen, permission, scope);
    const op = checked ? 'revoke' : 'grant';
    const title = why ? tm(why, { permission: label(permission.name) }) : tm(`permissions.cell.${op}`, { permission: label(permission.name), number: numberLabel(scope) });
    return (
      <TableCell key={scope} style={cellStyle}>
        <input
          type="checkbox"
          data-testid={`grant-${permission.name}-${scope}`}
          checked={checked}
          disabled={busy || why !== null}
          title={title}
          aria-label={title}
          onChange={() => onChange(op, permission.name, scope)}
        />
      </TableCell>
    );
  };
  return (
    <Box style={{ overflowX: 'auto' }}>
      <Table>
        <TableHead>
          <TableRow>
            <TableCell style={headStyle}>{tm('permissions.screen.permission')}</TableCell>
            {scopes.map((scope) => (
              <TableCell key={scope} style={{ ...headStyle, textAlign: 'center' }}>
                <span dir="auto">{numberLabel(scope)}</span>
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {screen.permissions.map((permission) => (
            <TableRow key={permission.name}>
              <TableCell style={{ ...headStyle, whiteSpace: 'normal' }}>
                <Text fontWeight="bold">{label(permission.name)}</Text>
                <Text fontSize="sm" color="grey60">{tm(`permissions.names.${permission.name}.description`)}</Text>
              </TableCell>
              {scopes.map((scope) => cell(permission, scope))}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
