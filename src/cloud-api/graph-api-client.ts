import { graphBaseUrl } from './graph-api-version.js';
import { GRAPH_USER_AGENT, type GraphCall, type GraphTransportSettings } from './graph-transport.js';
import {
  deleteMedia,
  downloadMedia,
  getMediaInfo,
  uploadMedia,
  type MediaDownload,
  type GraphMediaInfo,
  type MediaUpload,
} from './media-api.js';
import type { CreatedTemplate, GraphMessageTemplate, TemplateChanges, TemplateDefinition } from './message-template.js';
import { markAsRead, sendMessage, type NumberCall, type SendCall, type SentMessage } from './messages-api.js';
import type { OutboundMessage } from './outbound-message.js';
import { createTemplate, deleteTemplate, editTemplate, listTemplates, type ListTemplatesOptions, type WabaCall } from './templates-api.js';

export interface GraphApiClientOptions {
  /** `WHATSAPP_GRAPH_URL`: Meta's host by default; a version in it overrides the pinned one. */
  graphUrl?: string | null;
  /** Per call, connection included. Default 30 s: above undici's 10 s connect timeout, see transportFailureOf. */
  timeoutMs?: number;
  /** For uploads and downloads. Default 120 s. */
  mediaTimeoutMs?: number;
  userAgent?: string;
  /** The platform's fetch unless given (tests may wrap it). */
  fetch?: typeof fetch;
}

/**
 * The only way to the Graph API. The token comes with each call (one per account), nothing
 * is retried here: whether and when to try again is the sender's decision, from the error's
 * `outcome` and `classification`. Every failure is a `GraphApiError`.
 */
export interface GraphApiClient {
  /** Versioned: `https://graph.facebook.com/v26.0`. */
  readonly baseUrl: string;
  sendMessage(call: SendCall, message: OutboundMessage): Promise<SentMessage>;
  markAsRead(call: NumberCall, messageId: string, options?: { typingIndicator?: boolean }): Promise<void>;
  uploadMedia(call: NumberCall, file: MediaUpload): Promise<{ id: string }>;
  getMediaInfo(call: GraphCall & { phoneNumberId?: string }, mediaId: string): Promise<GraphMediaInfo>;
  /** Streams a media file; the token only to the Graph API's origin or over https to Meta's media hosts. */
  downloadMedia(call: GraphCall, url: string, options: { maxBytes: number }): Promise<MediaDownload>;
  deleteMedia(call: GraphCall & { phoneNumberId?: string }, mediaId: string): Promise<void>;
  listTemplates(call: WabaCall, options?: ListTemplatesOptions): Promise<GraphMessageTemplate[]>;
  createTemplate(call: WabaCall, template: TemplateDefinition): Promise<CreatedTemplate>;
  editTemplate(call: GraphCall, templateId: string, changes: TemplateChanges): Promise<void>;
  deleteTemplate(call: WabaCall, target: { name: string; hsmId?: string }): Promise<void>;
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MEDIA_TIMEOUT_MS = 120_000;

export function createGraphApiClient(options: GraphApiClientOptions = {}): GraphApiClient {
  const settings: GraphTransportSettings = {
    baseUrl: graphBaseUrl(options.graphUrl),
    userAgent: options.userAgent ?? GRAPH_USER_AGENT,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    fetch: options.fetch ?? globalThis.fetch,
  };
  const media: GraphTransportSettings = { ...settings, timeoutMs: options.mediaTimeoutMs ?? DEFAULT_MEDIA_TIMEOUT_MS };
  return {
    baseUrl: settings.baseUrl,
    sendMessage: (call, message) => sendMessage(settings, call, message),
    markAsRead: (call, messageId, markOptions) => markAsRead(settings, call, messageId, markOptions),
    uploadMedia: (call, file) => uploadMedia(media, call, file),
    getMediaInfo: (call, mediaId) => getMediaInfo(settings, call, mediaId),
    downloadMedia: (call, url, downloadOptions) => downloadMedia(media, call, url, downloadOptions),
    deleteMedia: (call, mediaId) => deleteMedia(settings, call, mediaId),
    listTemplates: (call, listOptions) => listTemplates(settings, call, listOptions),
    createTemplate: (call, template) => createTemplate(settings, call, template),
    editTemplate: (call, templateId, changes) => editTemplate(settings, call, templateId, changes),
    deleteTemplate: (call, target) => deleteTemplate(settings, call, target),
  };
}
