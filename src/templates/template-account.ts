import type { WabaCall } from '../cloud-api/index.js';
import type { TemplateProblem } from '../domain/template-rules.js';
import { isUuid } from '../domain/uuid.js';
import { holds, type InboxActor } from '../permissions/permission-snapshot.js';
import type { TemplateContext } from './template-context.js';

export interface TemplateAccount {
  id: string;
  name: string;
  wabaId: string;
}

export type TemplateAccountProblem =
  | 'templates.account.unknown'
  | 'templates.account.inactive'
  | 'templates.account.hasNoToken'
  | 'templates.account.notAllowed';

/**
 * Who changes a number's templates: an admin, who needs `templates.manage` on that very number
 * (a grant on another number carries no right here), or null for the plugin itself (the sync
 * schedule), which manages every number.
 */
export type TemplateManager = InboxActor | null;

/** The number's templates cannot be managed: not by this admin, no such number, switched off, or no access token to call Meta with. */
export class TemplateAccountError extends Error {
  override readonly name = 'TemplateAccountError';
  constructor(
    readonly accountId: string,
    /** i18n key (locales/<lang>/templates.json). */
    readonly key: TemplateAccountProblem,
  ) {
    super(`templates of account ${accountId}: ${key}`);
  }

  /** As a problem of the form's account field. */
  get problem(): TemplateProblem {
    return { path: 'accountId', key: this.key, params: {} };
  }
}

/** Why the manager may not change the number's templates, or null; asked before anything is read or sent. */
export function templateManagerRefusal(manager: TemplateManager, accountId: string): TemplateAccountError | null {
  return manager !== null && !holds(manager, 'templates.manage', accountId) ? new TemplateAccountError(accountId, 'templates.account.notAllowed') : null;
}

/** The account and the WABA call (its token included) for managing its templates; throws TemplateAccountError. */
export async function templateAccountCall(context: TemplateContext, accountId: string): Promise<{ account: TemplateAccount; call: WabaCall }> {
  const rows: { id: string; name: string; waba_id: string; status: string }[] = isUuid(accountId)
    ? await context.dataSource.query(`SELECT id, name, waba_id, status FROM whatsapp_accounts WHERE id = $1`, [accountId])
    : [];
  const row = rows[0];
  if (!row) throw new TemplateAccountError(accountId, 'templates.account.unknown');
  if (row.status !== 'active') throw new TemplateAccountError(accountId, 'templates.account.inactive');
  const accessToken = await context.accounts.accessToken(row.id);
  if (!accessToken) throw new TemplateAccountError(accountId, 'templates.account.hasNoToken');
  return { account: { id: row.id, name: row.name, wabaId: row.waba_id }, call: { accessToken, wabaId: row.waba_id } };
}
