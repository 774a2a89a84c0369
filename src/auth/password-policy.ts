import { dictionary } from '@zxcvbn-ts/language-common';

export const MIN_PASSWORD_LENGTH = 12;

/** Why a password is refused, as the message key the admin form shows (locales/<lang>/admin.json). */
export type PasswordProblem = 'passwordTooShort' | 'passwordIsEmail' | 'passwordTooCommon';

let common: Set<string> | undefined;

/**
 * The password rules for admins: long enough to resist guessing, not the login itself, and not
 * one of the passwords attackers try first (zxcvbn's list of about 50,000 leaked passwords). A
 * common word dressed with digits or symbols around it ("Password2024!") is as common as the word.
 */
export function passwordProblem(password: string, email: string): PasswordProblem | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return 'passwordTooShort';
  const lowered = password.toLowerCase();
  const core = lowered.replace(/^[\p{N}\p{P}\p{S}\s]+|[\p{N}\p{P}\p{S}\s]+$/gu, '');
  const login = email.trim().toLowerCase();
  if ([login, login.split('@')[0]].some((part) => part && (lowered === part || core === part))) return 'passwordIsEmail';
  common ??= new Set(dictionary['passwords-common'] as string[]);
  if (common.has(lowered) || common.has(core)) return 'passwordTooCommon';
  return null;
}
