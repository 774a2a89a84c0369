import { InitialSchema1763700000000 } from './1763700000000-initial-schema.js';
import { InboundProcessing1763700000100 } from './1763700000100-inbound-processing.js';
import { MediaDownloadError1763700000200 } from './1763700000200-media-download-error.js';
import { OutboundSending1763700000300 } from './1763700000300-outbound-sending.js';
import { InboxPermissions1763700000400 } from './1763700000400-inbox-permissions.js';
import { LoginAttemptsInFlight1763700000600 } from './1763700000600-login-attempts-in-flight.js';
import { ConversationsByLead1763700000610 } from './1763700000610-conversations-by-lead.js';

/** Every migration, in order. The plugin hands this list to the host's DataSource. */
export const MIGRATIONS = [
  InitialSchema1763700000000,
  InboundProcessing1763700000100,
  MediaDownloadError1763700000200,
  OutboundSending1763700000300,
  InboxPermissions1763700000400,
  LoginAttemptsInFlight1763700000600,
  ConversationsByLead1763700000610,
];
