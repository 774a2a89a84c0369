import type { Logger } from '../config/logger.js';
import type { MetaErrorSpec } from './meta-error-catalog.js';
import type { SandboxFaults } from './sandbox-faults.js';
import type { SandboxMediaStore } from './sandbox-media-store.js';
import type { SandboxRequestLog } from './sandbox-request-log.js';
import type { SandboxTemplate, SandboxTemplateStore } from './sandbox-template-store.js';
import type { SendRateMeter } from './send-rate-meter.js';
import type { StatusWebhooks } from './status-webhooks.js';

/** A business number the sandbox knows: its WABA and the number shown to customers. */
export interface SandboxNumber {
  phoneNumberId: string;
  wabaId: string;
  displayPhoneNumber?: string;
}

/** What the route handlers share. */
export interface SandboxContext {
  /** `http://127.0.0.1:<port>`, for URLs the sandbox hands out (media, paging). */
  baseUrl: () => string;
  numbers: ReadonlyMap<string, SandboxNumber>;
  /** Accepted bearer tokens; empty accepts any non-empty token. */
  accessTokens: ReadonlySet<string>;
  log: SandboxRequestLog;
  faults: SandboxFaults;
  templates: SandboxTemplateStore;
  media: SandboxMediaStore;
  rates: SendRateMeter;
  webhooks: StatusWebhooks;
  logger: Logger;
  /** Sets a template's status and tells the app with a template webhook, as Meta's review does. */
  setTemplateStatus: (id: string, status: string, reason?: string | null) => SandboxTemplate | undefined;
  /** Starts the simulated review of a PENDING template, when the sandbox was given a review time. */
  review: (template: SandboxTemplate) => void;
}

/** An answer to give: JSON (Meta's shapes) or bytes (a media download). */
export type SandboxAnswer =
  | { status: number; json: unknown; wamid?: string }
  | { status: number; bytes: Buffer; contentType: string };

/** A parsed request, as the Graph routes see it. */
export interface GraphRequestInfo {
  method: string;
  /** Path segments without the version prefix. */
  segments: string[];
  /** `/v26.0` or `` — kept in the URLs handed back (paging). */
  versionPrefix: string;
  query: URLSearchParams;
  json: unknown;
  form: FormData | null;
  /** Set by a `meta-error` fault with `via: 'status-webhook'`: accept, then fail by webhook. */
  asyncFailure: MetaErrorSpec | null;
}
