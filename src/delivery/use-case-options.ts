import type { Transaction } from '../db/transaction.js';

/** What a use case called by an admin action may be given besides its input. */
export interface UseCaseOptions {
  /** The clock of the 24-hour window check; tests move it. */
  now?: () => Date;
  /**
   * Run inside this transaction instead of a new one: the REST API keeps an idempotency key and
   * the message it made in one commit.
   */
  tx?: Transaction;
  /**
   * Leave an unassigned conversation unassigned: a send by the host's code or the REST API is no
   * agent answering in the inbox, so it does not take the conversation (see assign-replier.ts).
   */
  leaveAssignment?: boolean;
}

export const currentTime = (): Date => new Date();
