import { InitialSchema1763700000000 } from './1763700000000-initial-schema.js';
import { InboundProcessing1763700000100 } from './1763700000100-inbound-processing.js';
import { MediaDownloadError1763700000200 } from './1763700000200-media-download-error.js';
import { OutboundSending1763700000300 } from './1763700000300-outbound-sending.js';
import { InboxPermissions1763700000400 } from './1763700000400-inbox-permissions.js';
import { ConversationsByLead1763700000610 } from './1763700000610-conversations-by-lead.js';
import { EveryPayload1763700001000 } from './1763700001000-every-payload.js';
import { ConsentLedger1763700001010 } from './1763700001010-consent-ledger.js';
import { InboxSearch1763700001100 } from './1763700001100-inbox-search.js';
import { LabelsAndSavedViews1763700001110 } from './1763700001110-labels-and-saved-views.js';
import { ConversationsByActivity1763700001120 } from './1763700001120-conversations-by-activity.js';
import { Composer1763700001150 } from './1763700001150-composer.js';
import { EventsAndApi1763700001200 } from './1763700001200-events-and-api.js';
import { Automation1763700001300 } from './1763700001300-automation.js';
import { ReportCostsAndReferrals1763700001310 } from './1763700001310-report-costs-and-referrals.js';
import { Campaigns1763700001400 } from './1763700001400-campaigns.js';
import { Assistant1763700001500 } from './1763700001500-assistant.js';
import { MessagesThatTalk1763700001600 } from './1763700001600-messages-that-talk.js';
import { SlaPolicyLabel1763700001610 } from './1763700001610-sla-policy-label.js';
import { ReportTriggerPlans1763700001700 } from './1763700001700-report-trigger-plans.js';
import { ReportNumberHours1763700001800 } from './1763700001800-report-number-hours.js';
import { ReportConversationDays1763700001810 } from './1763700001810-report-conversation-days.js';
import { BuiltInLogin1763700000050 } from './login/1763700000050-built-in-login.js';

/** The plugin's migrations, in order. The plugin runs them itself (table whatsapp_migrations). */
export const MIGRATIONS = [
  InitialSchema1763700000000,
  InboundProcessing1763700000100,
  MediaDownloadError1763700000200,
  OutboundSending1763700000300,
  InboxPermissions1763700000400,
  ConversationsByLead1763700000610,
  EveryPayload1763700001000,
  ConsentLedger1763700001010,
  InboxSearch1763700001100,
  LabelsAndSavedViews1763700001110,
  ConversationsByActivity1763700001120,
  Composer1763700001150,
  EventsAndApi1763700001200,
  Automation1763700001300,
  ReportCostsAndReferrals1763700001310,
  Campaigns1763700001400,
  Assistant1763700001500,
  MessagesThatTalk1763700001600,
  SlaPolicyLabel1763700001610,
  ReportTriggerPlans1763700001700,
  ReportNumberHours1763700001800,
  ReportConversationDays1763700001810,
];

/** The built-in login's tables: run only by `createBackOfficeAuth`. */
export const LOGIN_MIGRATIONS = [BuiltInLogin1763700000050];

/** Where TypeORM records which of them ran: a table of the plugin's own, never the host's `migrations`. */
export const MIGRATIONS_TABLE = 'whatsapp_migrations';
