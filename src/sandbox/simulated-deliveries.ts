import { createHash, randomBytes, randomInt } from 'node:crypto';
import { SAMPLE_MEDIA, type SampleMedia } from './sample-media.js';

/**
 * Webhook deliveries shaped like Meta's (see the fixtures in shared/fixtures/webhooks and the
 * reference's tables), for the simulator, the tests and the benchmarks. Every builder returns
 * a plain object; `serializeDelivery` turns it into the bytes to sign and send.
 */
export const SIMULATION_KINDS = [
  'text',
  'image',
  'audio',
  'voice',
  'video',
  'document',
  'sticker',
  'location',
  'contacts',
  'reaction',
  'button-reply',
  'list-reply',
  'flow-reply',
  'button',
  'order',
  'system',
  'unsupported',
  'request-welcome',
  'status',
  'template-update',
  'batched',
  'echo',
  'history',
  'edit',
  'revoke',
  'opt-out',
  'opt-in',
  'account-alert',
  'quality-update',
  'referral',
  'group',
  'call',
  'username',
] as const;
export type SimulationKind = (typeof SIMULATION_KINDS)[number];

export const STATUS_VALUES = ['sent', 'delivered', 'read', 'played', 'failed'] as const;
export type SimulatedStatus = (typeof STATUS_VALUES)[number];

/** The sample number of the fixtures; the runnable app's sandbox account may use another. */
export const SAMPLE_ACCOUNT = {
  phoneNumberId: '118237465540912',
  wabaId: '104729381102938',
  displayPhoneNumber: '213770001122',
} as const;

export interface DeliveryOptions {
  phoneNumberId?: string;
  wabaId?: string;
  displayPhoneNumber?: string;
  /** The customer's wa_id (digits, country code, no +). Default an Algerian mobile. */
  from?: string;
  /** The customer's WhatsApp profile name. */
  name?: string;
  /** Text body, caption, button title or list row title, depending on the kind. */
  text?: string;
  /**
   * Message kinds: the message's own id (default a new one each call; repeat it to redeliver).
   * `status`: the outbound message the status is about. `reaction`: the message reacted to.
   */
  wamid?: string;
  /** Makes the message a reply to this message id (`context.id`). */
  replyTo?: string;
  /** `status` only. Default `delivered`. */
  status?: SimulatedStatus;
  /** `status` only: echoed back from the send request, for reconciliation. */
  callbackData?: string;
  /** `reaction` only; an empty string removes the reaction. Default 👍. */
  emoji?: string;
  /** `system` only: the number the customer moved to. */
  newWaId?: string;
  /** `template-update` only. */
  templateName?: string;
  templateEvent?: string;
  templateLanguage?: string;
  /** Unix seconds of the event. Default now. */
  timestamp?: number;
}

export type WebhookDelivery = {
  object: 'whatsapp_business_account';
  entry: { id: string; time?: number; changes: { field: string; value: Record<string, unknown> }[] }[];
};

const DEFAULT_FROM = '213555123456';
const DEFAULT_NAME = 'Amina Belkacem';
const DEFAULT_TEXT = 'Bonjour, je voudrais inscrire mon fils au cours d’anglais 🙂';

/** A new message id in Meta's style, unique per call. */
export function newWamid(): string {
  return `wamid.SIM${randomBytes(12).toString('hex').toUpperCase()}`;
}

/** A 15-digit id like Meta's template ids. */
function numericId(): number {
  return randomInt(100_000_000_000_000, 281_000_000_000_000);
}

export function buildDelivery(kind: SimulationKind, options: DeliveryOptions = {}): WebhookDelivery {
  const o = withDefaults(options);
  switch (kind) {
    case 'status':
      return envelope(o, [messagesChange(o, { statuses: [statusOf(o)] })]);
    case 'template-update':
      return envelope(o, [{ field: 'message_template_status_update', value: templateUpdate(o) }]);
    case 'batched':
      return batched(o);
    case 'echo':
      return envelope(o, [{ field: 'smb_message_echoes', value: numberValue(o, { message_echoes: [{ from: o.displayPhoneNumber, to: o.from, id: o.wamid ?? newWamid(), timestamp: String(o.timestamp), type: 'text', text: { body: o.text ?? 'Merci, je vous envoie le dossier.' } }] }) }]);
    case 'history':
      return envelope(o, [{ field: 'history', value: numberValue(o, { history: [historyChunk(o)] }) }]);
    case 'opt-out':
    case 'opt-in':
      return envelope(o, [{
        field: 'user_preferences',
        value: numberValue(o, {
          contacts: [contactOf(o)],
          user_preferences: [{ wa_id: o.from, detail: `User requested to ${kind === 'opt-out' ? 'stop' : 'resume'} marketing messages`, category: 'marketing_messages', value: kind === 'opt-out' ? 'stop' : 'resume', timestamp: o.timestamp }],
        }),
      }]);
    case 'account-alert':
      return envelope(o, [{ field: 'account_alerts', value: { entity_type: 'PHONE_NUMBER', entity_id: o.phoneNumberId, alert_info: { alert_severity: 'WARNING', alert_status: 'ACTIVE', alert_type: 'INCREASED_CAPABILITIES_ELIGIBILITY_DEFERRED', alert_description: 'Limits cannot be increased for your business. Use WhatsApp Business platform actively for several days and follow our messaging policies.' } } }], o.timestamp);
    case 'quality-update':
      return envelope(o, [{ field: 'phone_number_quality_update', value: { display_phone_number: o.displayPhoneNumber, event: 'THROUGHPUT_UPGRADE', current_limit: 'TIER_UNLIMITED', max_daily_conversations_per_business: 'TIER_10K' } }], o.timestamp);
    case 'call':
      return envelope(o, [{
        field: 'calls',
        value: numberValue(o, {
          contacts: [contactOf(o)],
          calls: [{ id: o.wamid ?? `wacid.SIM${randomBytes(8).toString('hex').toUpperCase()}`, from: o.from, to: o.displayPhoneNumber, event: 'terminate', direction: 'USER_INITIATED', timestamp: String(o.timestamp), status: 'COMPLETED', start_time: String(o.timestamp - 95), end_time: String(o.timestamp), duration: 95 }],
        }),
      }]);
    case 'username':
      // Meta's own example: an empty wa_id, the identity is the BSUID.
      return envelope(o, [messagesChange(o, { contacts: [{ profile: { name: o.name, username: `@${o.name.split(' ')[0]!.toLowerCase()}` }, wa_id: '', user_id: usernameOf(o) }], messages: [{ ...messageOf(kind, o), from: '' }] })]);
    default:
      return envelope(o, [messagesChange(o, { contacts: [contactOf(o)], messages: [messageOf(kind, o)] })]);
  }
}

/**
 * The bytes to sign and post. `escapeUnicode` writes every non-ASCII character (and `/`)
 * as a `\uXXXX` / `\/` escape, as Meta does: the same JSON, other bytes, another signature.
 */
export function serializeDelivery(delivery: WebhookDelivery, options: { escapeUnicode?: boolean } = {}): string {
  const json = JSON.stringify(delivery);
  if (!options.escapeUnicode) return json;
  return json.replace(/[\u0080-\uffff/]/g, (char) =>
    char === '/' ? '\\/' : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

type OptionalOptions = 'text' | 'replyTo' | 'callbackData' | 'wamid';
type Resolved = Required<Omit<DeliveryOptions, OptionalOptions>> & Pick<DeliveryOptions, OptionalOptions>;

function withDefaults(options: DeliveryOptions): Resolved {
  return {
    phoneNumberId: options.phoneNumberId ?? SAMPLE_ACCOUNT.phoneNumberId,
    wabaId: options.wabaId ?? SAMPLE_ACCOUNT.wabaId,
    displayPhoneNumber: options.displayPhoneNumber ?? SAMPLE_ACCOUNT.displayPhoneNumber,
    from: options.from ?? DEFAULT_FROM,
    name: options.name ?? DEFAULT_NAME,
    text: options.text,
    wamid: options.wamid,
    replyTo: options.replyTo,
    status: options.status ?? 'delivered',
    callbackData: options.callbackData,
    emoji: options.emoji ?? '👍',
    newWaId: options.newWaId ?? '213661000111',
    templateName: options.templateName ?? 'rappel_inscription',
    templateEvent: options.templateEvent ?? 'APPROVED',
    templateLanguage: options.templateLanguage ?? 'fr',
    timestamp: options.timestamp ?? Math.floor(Date.now() / 1000),
  };
}

function envelope(o: Resolved, changes: WebhookDelivery['entry'][number]['changes'], time?: number): WebhookDelivery {
  return { object: 'whatsapp_business_account', entry: [{ id: o.wabaId, ...(time ? { time } : {}), changes }] };
}

/** The value of a change addressed to the number (metadata first, as Meta writes it). */
function numberValue(o: Resolved, value: Record<string, unknown>): Record<string, unknown> {
  return { messaging_product: 'whatsapp', metadata: { display_phone_number: o.displayPhoneNumber, phone_number_id: o.phoneNumberId }, ...value };
}

/** Three messages of the WhatsApp Business app's past chat with the customer, a week ago. */
function historyChunk(o: Resolved): Record<string, unknown> {
  const weekAgo = o.timestamp - 7 * 86_400;
  return {
    metadata: { phase: 0, chunk_order: 1, progress: 100 },
    threads: [{
      id: o.from,
      messages: [
        { from: o.from, id: newWamid(), timestamp: String(weekAgo), type: 'text', text: { body: 'Bonjour, vous êtes ouverts samedi ?' }, history_context: { status: 'READ' } },
        { from: o.displayPhoneNumber, id: newWamid(), timestamp: String(weekAgo + 300), type: 'text', text: { body: 'Oui, de 9 h à 13 h.' }, history_context: { status: 'READ' } },
        { from: o.displayPhoneNumber, id: newWamid(), timestamp: String(weekAgo + 360), type: 'media_placeholder', history_context: { status: 'DELIVERED' } },
      ],
    }],
  };
}

function messagesChange(o: Resolved, value: Record<string, unknown>) {
  return {
    field: 'messages',
    value: {
      messaging_product: 'whatsapp',
      metadata: { display_phone_number: o.displayPhoneNumber, phone_number_id: o.phoneNumberId },
      ...value,
    },
  };
}

function contactOf(o: Pick<Resolved, 'from' | 'name'>) {
  return { profile: { name: o.name }, wa_id: o.from };
}

/** A sample file every sandbox serves (its id, type and digest, in base64 as webhooks spell it). */
function media(sample: SampleMedia, extra: Record<string, unknown> = {}) {
  return {
    id: sample.id,
    mime_type: sample.mimeType,
    sha256: createHash('sha256').update(sample.data).digest('base64'),
    ...extra,
  };
}

type MessageKind = Exclude<SimulationKind, 'status' | 'template-update' | 'batched' | 'echo' | 'history' | 'opt-out' | 'opt-in' | 'account-alert' | 'quality-update' | 'call'>;

function messageOf(kind: MessageKind, o: Resolved): Record<string, unknown> {
  const common: Record<string, unknown> = { from: o.from, id: o.wamid ?? newWamid(), timestamp: String(o.timestamp) };
  if (o.replyTo) common.context = { from: o.displayPhoneNumber, id: o.replyTo };
  switch (kind) {
    case 'text':
      return { ...common, type: 'text', text: { body: o.text ?? DEFAULT_TEXT } };
    case 'image':
      return { ...common, type: 'image', image: media(SAMPLE_MEDIA.image, { caption: o.text ?? 'Le reçu du paiement' }) };
    case 'video':
      return { ...common, type: 'video', video: media(SAMPLE_MEDIA.video, { caption: o.text ?? 'Présentation de l’école' }) };
    case 'audio':
      return { ...common, type: 'audio', audio: media(SAMPLE_MEDIA.audio, { voice: false }) };
    case 'voice':
      return { ...common, type: 'audio', audio: media(SAMPLE_MEDIA.voice, { voice: true }) };
    case 'document':
      return { ...common, type: 'document', document: media(SAMPLE_MEDIA.document, { filename: 'reçu-inscription.pdf', caption: o.text ?? 'Dossier d’inscription' }) };
    case 'sticker':
      return { ...common, type: 'sticker', sticker: media(SAMPLE_MEDIA.sticker, { animated: false }) };
    case 'location':
      return {
        ...common,
        type: 'location',
        location: { latitude: 35.6971, longitude: -0.6308, name: 'École Les Oliviers', address: 'Boulevard de l’ALN, Oran' },
      };
    case 'contacts':
      return {
        ...common,
        type: 'contacts',
        contacts: [
          {
            name: { formatted_name: 'Karim Haddad', first_name: 'Karim', last_name: 'Haddad' },
            phones: [{ phone: '+213 661 98 76 54', wa_id: '213661987654', type: 'CELL' }],
            emails: [{ email: 'karim.haddad@example.dz', type: 'WORK' }],
            org: { company: 'Lycée Ibn Khaldoun', title: 'Directeur' },
          },
        ],
      };
    case 'reaction':
      return {
        ...common,
        id: newWamid(),
        type: 'reaction',
        reaction: o.emoji === '' ? { message_id: o.wamid ?? newWamid() } : { message_id: o.wamid ?? newWamid(), emoji: o.emoji },
      };
    case 'button-reply':
      return { ...common, type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'callback_yes', title: (o.text ?? 'Oui').slice(0, 20) } } };
    case 'list-reply':
      return {
        ...common,
        type: 'interactive',
        interactive: { type: 'list_reply', list_reply: { id: 'course_english', title: (o.text ?? 'Anglais — niveau A1').slice(0, 24), description: 'Cours du samedi matin' } },
      };
    case 'flow-reply':
      return {
        ...common,
        type: 'interactive',
        interactive: {
          type: 'nfm_reply',
          nfm_reply: { name: 'flow', body: 'Sent', response_json: JSON.stringify({ level: 'B1', preferred_day: 'samedi' }) },
        },
      };
    case 'button':
      return { ...common, type: 'button', button: { text: (o.text ?? 'Confirmer').slice(0, 20), payload: 'CONFIRM_ENROLLMENT' } };
    case 'order':
      return {
        ...common,
        type: 'order',
        order: {
          catalog_id: '902514123456789',
          text: o.text ?? 'Commande pour la rentrée',
          product_items: [
            { product_retailer_id: 'cours-anglais-a1', quantity: 1, item_price: 12000, currency: 'DZD' },
            { product_retailer_id: 'manuel-anglais', quantity: 2, item_price: 1500, currency: 'DZD' },
          ],
        },
      };
    case 'system':
      return {
        ...common,
        type: 'system',
        system: { body: `User ${o.name} changed from ${o.from} to ${o.newWaId}`, wa_id: o.newWaId, type: 'user_changed_number' },
      };
    case 'unsupported':
      return {
        ...common,
        type: 'unsupported',
        errors: [
          {
            code: 131051,
            title: 'Message type unknown',
            message: 'Message type unknown',
            error_data: { details: 'Message type is currently not supported.' },
          },
        ],
      };
    case 'request-welcome':
      return { ...common, type: 'request_welcome' };
    case 'edit':
      return { ...common, id: newWamid(), type: 'edit', edit: { original_message_id: o.wamid ?? newWamid(), message: { type: 'text', text: { body: o.text ?? 'Bonjour, finalement pour 4 places' } } } };
    case 'revoke':
      return { ...common, id: newWamid(), type: 'revoke', revoke: { original_message_id: o.wamid ?? newWamid() } };
    case 'referral':
      return {
        ...common,
        type: 'text',
        text: { body: o.text ?? 'Bonjour, je viens de voir votre publicité pour les cours d’anglais' },
        referral: {
          source_url: 'https://fb.me/3cr4Wqqkk', source_id: '120210000000001', source_type: 'ad', headline: 'Cours d’anglais à Oran', body: 'Inscriptions ouvertes',
          media_type: 'image', image_url: 'https://scontent.xx.fbcdn.net/ad.jpg', ctwa_clid: `ARA${randomBytes(12).toString('hex')}`,
        },
      };
    case 'group':
      return { ...common, group_id: 'Y2FwaV9ncm91cDpTSU1VTEFURUQ', type: 'text', text: { body: o.text ?? 'Bonjour le groupe' } };
    case 'username': {
      const { from: _phone, ...rest } = common;
      return { ...rest, from_user_id: usernameOf(o), type: 'text', text: { body: o.text ?? 'Bonjour, je préfère garder mon numéro privé' } };
    }
  }
}

/** The BSUID the simulator gives a username customer (stable per --from). */
function usernameOf(o: Resolved): string {
  return `DZ.${o.from.padEnd(20, '7')}`;
}

function statusOf(o: Resolved, status: SimulatedStatus = o.status, timestamp = o.timestamp): Record<string, unknown> {
  const result: Record<string, unknown> = {
    id: o.wamid ?? newWamid(),
    status,
    timestamp: String(timestamp),
    recipient_id: o.from,
  };
  if (o.callbackData) result.biz_opaque_callback_data = o.callbackData;
  if (status === 'failed') {
    result.errors = [
      {
        code: 131047,
        title: 'Re-engagement message',
        message: 'Re-engagement message',
        error_data: { details: 'More than 24 hours have passed since the recipient last replied.' },
        href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
      },
    ];
  } else if (status === 'sent' || status === 'delivered') {
    result.conversation = { id: randomBytes(16).toString('hex'), origin: { type: 'service' } };
    result.pricing = { billable: false, pricing_model: 'PMP', type: 'free_customer_service', category: 'service' };
  }
  return result;
}

function templateUpdate(o: Resolved): Record<string, unknown> {
  return {
    event: o.templateEvent,
    message_template_id: numericId(),
    message_template_name: o.templateName,
    message_template_language: o.templateLanguage,
    reason: o.templateEvent === 'REJECTED' ? 'INVALID_FORMAT' : 'NONE',
    message_template_category: 'UTILITY',
  };
}

/** 2 entries × 2 changes, several messages and statuses per change: everything in it must be processed. */
function batched(o: Resolved): WebhookDelivery {
  const second = { from: '213661987654', name: 'Karim Haddad' };
  const third = { from: '213770445566', name: 'Yasmine' };
  const outbound = { ...o, wamid: o.wamid ?? newWamid() };
  const inbound = (who: Pick<Resolved, 'from' | 'name'>, text: string, offset: number) =>
    messageOf('text', { ...o, ...who, wamid: undefined, text, timestamp: o.timestamp + offset });
  return {
    object: 'whatsapp_business_account',
    entry: [
      {
        id: o.wabaId,
        changes: [
          messagesChange(o, {
            contacts: [contactOf(o), contactOf(second)],
            messages: [inbound(o, 'Premier message', 0), inbound(second, 'Bonjour, nous sommes une école privée à Oran', 1), inbound(o, 'Deuxième message', 2)],
          }),
          messagesChange(o, {
            statuses: [
              statusOf(outbound, 'sent', o.timestamp + 3),
              statusOf(outbound, 'delivered', o.timestamp + 4),
              statusOf(outbound, 'read', o.timestamp + 9),
              statusOf({ ...outbound, wamid: newWamid() }, 'failed', o.timestamp + 8),
            ],
          }),
        ],
      },
      {
        id: o.wabaId,
        changes: [
          messagesChange(o, {
            contacts: [contactOf(third)],
            messages: [
              messageOf('location', { ...o, ...third, wamid: undefined, timestamp: o.timestamp + 5 }),
              messageOf('image', { ...o, ...third, wamid: undefined, text: 'Photo de la façade', timestamp: o.timestamp + 6 }),
            ],
          }),
          messagesChange(o, {
            contacts: [contactOf(second)],
            messages: [messageOf('reaction', { ...o, ...second, wamid: outbound.wamid, emoji: '❤️', timestamp: o.timestamp + 7 })],
          }),
        ],
      },
    ],
  };
}
