/** What a use case called by an admin action may be given besides its input. */
export interface UseCaseOptions {
  /** The clock of the 24-hour window check; tests move it. */
  now?: () => Date;
}

export const currentTime = (): Date => new Date();
