import React, { useCallback, useEffect, useState } from 'react';
import { Box, H4, Loader, MessageBox, Table, TableBody, TableCell, TableHead, TableRow, Text } from '@adminjs/design-system';
import { ApiClient, useNotice, useTranslation } from 'adminjs';

const api = new ApiClient();
const ALL = 'all';

// Logical properties only: the matrix reads right to left in Arabic without a second stylesheet.
const cellStyle = { textAlign: 'center', paddingInline: 12, paddingBlock: 8 };
const headStyle = { textAlign: 'start', paddingInline: 12, paddingBlock: 8, whiteSpace: 'nowrap' };

/**
 * What one agent holds, as a matrix of permissions × (all numbers, each number). A click grants
 * or revokes at once; the server decides (no escalation, role defaults untouchable) and answers
 * the fresh matrix. Cells the viewer may not change are disabled and say why.
 */
const PermissionGrants = ({ record, resource, action }) => {
  const [screen, setScreen] = useState(null);
  const [busy, setBusy] = useState(false);
  const addNotice = useNotice();
  const { translateMessage } = useTranslation();
  const tm = (key, params) => translateMessage(key, resource.id, params);

  const call = useCallback(
    (data) => api.recordAction({ resourceId: resource.id, recordId: record.id, actionName: action.name, data }),
    [resource.id, record.id, action.name],
  );

  useEffect(() => {
    call().then((response) => setScreen(response.data));
  }, [call]);

  if (!screen || !screen.permissions) {
    return (
      <Box variant="white" data-testid="permission-grants">
        {screen?.notice ? <MessageBox variant="danger" message={tm(screen.notice.message, screen.notice.options)} /> : <Loader />}
      </Box>
    );
  }

  const { permissions, numbers, held, grantable, locked, changes } = screen;
  const label = (permission) => tm(`permissions.names.${permission}.label`);
  const numberLabel = (accountId) => {
    if (!accountId || accountId === ALL) return tm('permissions.screen.allNumbers');
    const number = numbers.find((n) => n.id === accountId);
    if (!number) return tm('permissions.change.deletedNumber');
    return number.phone ? tm('permissions.screen.numberWithPhone', { name: number.name, phone: number.phone }) : number.name;
  };

  const change = async (op, permission, scope) => {
    setBusy(true);
    try {
      const data = new FormData();
      data.set('op', op);
      data.set('permission', permission);
      data.set('accountId', scope);
      const response = await call(data);
      const { notice } = response.data;
      if (response.data.permissions) setScreen(response.data);
      if (notice) {
        addNotice({
          ...notice,
          resourceId: resource.id,
          options: { ...notice.options, permission: label(permission), number: numberLabel(scope) },
        });
      }
    } finally {
      setBusy(false);
    }
  };

  const cell = (permission, scope) => {
    const { name, numberScoped } = permission;
    const rights = grantable.find((g) => g.permission === name);
    const heldEverywhere = held.everyNumber.includes(name);
    let checked;
    let why = null;
    if (held.byRole.includes(name)) {
      checked = true;
      why = 'permissions.cell.byRole';
    } else if (scope === ALL) {
      checked = heldEverywhere;
      if (locked) why = locked;
      else if (!rights?.everyNumber) why = 'permissions.cell.notGrantable';
    } else if (!numberScoped) {
      checked = heldEverywhere;
      why = 'permissions.cell.allNumbersOnly';
    } else if (heldEverywhere) {
      checked = true;
      why = 'permissions.cell.everyNumber';
    } else {
      checked = (held.byNumber[scope] ?? []).includes(name);
      if (locked) why = locked;
      else if (!rights?.numbers.includes(scope)) why = 'permissions.cell.notGrantable';
    }
    const op = checked ? 'revoke' : 'grant';
    const title = why ? tm(why, { permission: label(name) }) : tm(`permissions.cell.${op}`, { permission: label(name), number: numberLabel(scope) });
    return (
      <TableCell key={scope} style={cellStyle}>
        <input
          type="checkbox"
          data-testid={`grant-${name}-${scope}`}
          checked={checked}
          disabled={busy || why !== null}
          title={title}
          aria-label={title}
          onChange={() => change(op, name, scope)}
        />
      </TableCell>
    );
  };

  const scopes = [ALL, ...numbers.map((n) => n.id)];
  return (
    <Box variant="white" data-testid="permission-grants">
      <H4 mb="lg" dir="auto">{tm('permissions.screen.of', { name: record.params.name ?? record.title })}</H4>
      {locked ? <MessageBox mb="lg" variant="info" message={tm(locked)} /> : null}
      {numbers.length === 0 ? <Text mb="lg">{tm('permissions.screen.noNumbers')}</Text> : null}
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
            {permissions.map((permission) => (
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

      <H4 mt="xl" mb="md">{tm('permissions.screen.changes')}</H4>
      <Box as="ul" data-testid="permission-changes" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
        {changes.length === 0 ? <Text as="li">{tm('permissions.screen.noChanges')}</Text> : null}
        {changes.map((row) => (
          <Text as="li" key={row.id} mb="sm" dir="auto" data-change={row.change}>
            {tm(`permissions.change.${row.change}`, {
              actor: row.actorName ?? tm('permissions.change.unknownActor'),
              permission: label(row.permission),
              number: row.accountId === null ? numberLabel(ALL) : (row.numberName ?? tm('permissions.change.deletedNumber')),
              date: new Date(row.createdAt).toLocaleString(),
            })}
          </Text>
        ))}
      </Box>
    </Box>
  );
};

export default PermissionGrants;
