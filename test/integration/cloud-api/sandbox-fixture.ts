import { rejectionOf } from '../../support/rejection.js';
import { GraphApiError } from '../../../src/cloud-api/graph-api-error.js';
import { createGraphApiClient, type GraphApiClient, type GraphApiClientOptions } from '../../../src/cloud-api/graph-api-client.js';
import { startSandboxGraphApi, type SandboxGraphApi, type SandboxGraphApiOptions } from '../../../src/sandbox/start-sandbox-graph-api.js';

export const NUMBER = { phoneNumberId: '118237465540912', wabaId: '104729381102938', displayPhoneNumber: '213770001122' };
export const TOKEN = 'EAAG-sandbox-token';
export const CUSTOMER = '213555123456';

export interface SandboxFixture {
  sandbox: SandboxGraphApi;
  client: GraphApiClient;
  /** The account's part of every call. */
  number: { accessToken: string; phoneNumberId: string };
  waba: { accessToken: string; wabaId: string };
}

/** A sandbox that knows the fixtures' number and token, and a client pointed at it. */
export async function startSandboxFixture(options: SandboxGraphApiOptions = {}, clientOptions: GraphApiClientOptions = {}): Promise<SandboxFixture> {
  const sandbox = await startSandboxGraphApi({ numbers: [NUMBER], accessToken: TOKEN, ...options });
  return {
    sandbox,
    client: createGraphApiClient({ graphUrl: sandbox.url, ...clientOptions }),
    number: { accessToken: TOKEN, phoneNumberId: NUMBER.phoneNumberId },
    waba: { accessToken: TOKEN, wabaId: NUMBER.wabaId },
  };
}

/** The GraphApiError a client call failed with (the test fails if it did not fail, or failed otherwise). */
export const failure = (promise: Promise<unknown>): Promise<GraphApiError> => rejectionOf(promise, GraphApiError);
