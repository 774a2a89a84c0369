import { Refusal, refusalKey } from '../domain/refusal.js';

export type PermissionRefusalReason =
  | 'not-allowed'
  | 'unknown-permission'
  | 'unknown-admin'
  | 'inactive-admin'
  | 'super-admin'
  | 'own-permissions'
  | 'higher-role'
  | 'unknown-number'
  | 'not-number-scoped'
  | 'not-held-by-you'
  | 'by-role'
  | 'held-for-every-number';

/** A grant or revocation that was not made (`permissions.refusal.<reason>`); nothing was written. */
export class PermissionRefusal extends Refusal {
  override readonly name = 'PermissionRefusal';
  declare readonly reason: PermissionRefusalReason;

  static of(reason: PermissionRefusalReason, params: Record<string, string> = {}): PermissionRefusal {
    return new PermissionRefusal(reason, refusalKey('permissions', reason), params);
  }
}
