/** Why a model could not be asked: a timeout, an HTTP error after the retries, no connection, or an answer we cannot read. */
export type ProviderFailure = 'timeout' | 'http' | 'network' | 'bad_answer';

export class ProviderError extends Error {
  override name = 'ProviderError';
  constructor(
    readonly failure: ProviderFailure,
    message: string,
    readonly status: number | null,
    readonly attempts: number,
  ) {
    super(message);
  }
}
