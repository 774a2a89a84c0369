import {
  isKnownInboundMessage,
  type GenericInboundMessage,
  type InboundMessage,
  type InboundMessageOf,
  type KnownInboundMessage,
  type SharedContact,
} from './webhook-payload.js';

export interface InboundMedia {
  id: string;
  mimeType: string | null;
  sha256: string | null;
  fileName: string | null;
  /** Audio only: a voice note recorded in WhatsApp, as opposed to an audio file. */
  voice?: boolean;
  /** Sticker only. */
  animated?: boolean;
  /** Newer webhooks carry the download URL; it expires within minutes. */
  url?: string;
}

export interface InboundReaction {
  targetWamid: string;
  /** null: the customer removed their reaction. */
  emoji: string | null;
}

export interface InboundSystemChange {
  /** user_changed_number, customer_identity_changed, user_changed_user_id, … */
  type: string | null;
  newWaId: string | null;
  newUserId: string | null;
  /** The BSUID the customer had before (user_changed_user_id; user_changed_number since 2026). */
  previousUserId: string | null;
}

/** An edit or a deletion of an earlier message by its author (coexistence). */
export interface InboundRevision {
  kind: 'edit' | 'revoke';
  targetWamid: string;
  /** The edited text (or caption); null for a deletion or an edit without text. */
  body: string | null;
}

/** What an agent needs to see and search an inbound message; the raw message is stored beside it. */
export interface InboundMessageDescription {
  type: string;
  /** The text shown in the thread and searched: body, caption, chosen title, place, summary. */
  body: string | null;
  replyToWamid: string | null;
  media?: InboundMedia;
  reaction?: InboundReaction;
  system?: InboundSystemChange;
  revision?: InboundRevision;
  errorCode?: number;
  errorTitle?: string;
  errorDetails?: string;
}

export function describeInboundMessage(message: InboundMessage): InboundMessageDescription {
  const described = isKnownInboundMessage(message) ? describeKnown(message) : describeGeneric(message);
  const description: InboundMessageDescription = {
    type: message.type,
    replyToWamid: message.context?.id ?? null,
    body: null,
    ...described,
  };
  const [error] = message.errors ?? [];
  if (error) {
    description.errorCode = error.code;
    description.errorTitle = error.title;
    const details = error.error_data?.details ?? error.message;
    if (details) description.errorDetails = details;
  }
  return description;
}

type Described = Partial<Pick<InboundMessageDescription, 'body' | 'media' | 'reaction' | 'system' | 'revision'>>;

/** What a message of a known type shows. Its content may be absent when Meta could not render it (its errors say why). */
function describeKnown(message: KnownInboundMessage): Described {
  switch (message.type) {
    case 'text':
      return { body: message.text?.body ?? null };
    case 'image':
      return message.image ? { body: orNull(message.image.caption), media: mediaOf(message.image) } : {};
    case 'video':
      return message.video ? { body: orNull(message.video.caption), media: mediaOf(message.video) } : {};
    case 'audio':
      return message.audio ? { media: { ...mediaOf(message.audio), voice: message.audio.voice === true } } : {};
    case 'document': {
      if (!message.document) return {};
      const { caption, filename } = message.document;
      // An uncaptioned document is found by its file name.
      return { body: orNull(caption) ?? orNull(filename), media: mediaOf(message.document, filename) };
    }
    case 'sticker':
      return message.sticker ? { media: { ...mediaOf(message.sticker), animated: message.sticker.animated === true } } : {};
    case 'location':
      return message.location ? { body: locationText(message.location) } : {};
    case 'contacts':
      return { body: orNull((message.contacts ?? []).map(sharedContactText).filter(Boolean).join(', ')) };
    case 'interactive':
      return message.interactive ? { body: interactiveText(message.interactive) } : {};
    case 'button':
      return { body: message.button?.text ?? null };
    case 'reaction': {
      if (!message.reaction) return {};
      const emoji = orNull(message.reaction.emoji);
      return { body: emoji, reaction: { targetWamid: message.reaction.message_id, emoji } };
    }
    case 'order':
      return message.order ? { body: orderText(message.order) } : {};
    case 'system': {
      const system = message.system ?? {};
      return {
        body: orNull(system.body),
        system: {
          type: system.type ?? null,
          newWaId: system.wa_id ?? system.new_wa_id ?? null,
          newUserId: system.user_id ?? null,
          previousUserId: system.previous_user_id ?? null,
        },
      };
    }
    case 'edit':
      return message.edit ? { revision: { kind: 'edit', targetWamid: message.edit.original_message_id, body: editedText(message.edit.message) } } : {};
    case 'revoke':
      return message.revoke ? { revision: { kind: 'revoke', targetWamid: message.revoke.original_message_id, body: null } } : {};
    case 'unsupported':
    case 'unknown':
    case 'request_welcome':
      return {};
  }
}

/** An edit's new content: the text of a text message, the caption of a media one. */
function editedText(content: Record<string, unknown> | undefined): string | null {
  if (!content) return null;
  const type = typeof content.type === 'string' ? content.type : 'text';
  const part = content[type];
  if (typeof part !== 'object' || part === null) return null;
  const { body, caption } = part as { body?: unknown; caption?: unknown };
  if (typeof body === 'string') return body;
  return typeof caption === 'string' ? caption : null;
}

/**
 * A type newer than this code: its text is shown if it follows Meta's usual naming
 * (`<type>.body`, `.caption` or `.text`); media is not guessed, so nothing is downloaded blindly.
 */
function describeGeneric(message: GenericInboundMessage): Described {
  const content = message[message.type];
  if (typeof content !== 'object' || content === null) return {};
  for (const key of ['body', 'caption', 'text']) {
    const value = (content as Record<string, unknown>)[key];
    if (typeof value === 'string' && value !== '') return { body: value };
  }
  return {};
}

type MediaPayload = { id: string; mime_type?: string; sha256?: string; url?: string };

function mediaOf(media: MediaPayload, fileName?: string): InboundMedia {
  const described: InboundMedia = {
    id: media.id,
    mimeType: media.mime_type ?? null,
    sha256: media.sha256 ?? null,
    fileName: orNull(fileName),
  };
  if (media.url) described.url = media.url;
  return described;
}

function locationText(location: NonNullable<InboundMessageOf<'location'>['location']>): string {
  const place = [location.name, location.address].filter((part) => part).join(', ');
  return place || `${location.latitude}, ${location.longitude}`;
}

function sharedContactText(contact: SharedContact): string {
  const name =
    contact.name?.formatted_name ||
    [contact.name?.first_name, contact.name?.last_name].filter((part) => part).join(' ') ||
    contact.org?.company;
  const phone = contact.phones?.find((entry) => entry.phone || entry.wa_id);
  const number = phone?.phone || phone?.wa_id;
  if (name && number) return `${name} (${number})`;
  return name || number || '';
}

function interactiveText(interactive: NonNullable<InboundMessageOf<'interactive'>['interactive']>): string | null {
  switch (interactive.type) {
    case 'button_reply':
      return interactive.button_reply?.title ?? null;
    case 'list_reply':
      return interactive.list_reply?.title ?? null;
    case 'nfm_reply':
      return interactive.nfm_reply ? flowResponseText(interactive.nfm_reply) : null;
    default:
      return null;
  }
}

/** A WhatsApp Flow's answers are in response_json; its `body` is only Meta's "Sent". */
function flowResponseText(reply: { body?: string; response_json: string }): string | null {
  let answers: unknown;
  try {
    answers = JSON.parse(reply.response_json);
  } catch {
    return orNull(reply.body);
  }
  if (typeof answers !== 'object' || answers === null || Array.isArray(answers)) return orNull(reply.body);
  const lines = Object.entries(answers)
    // The flow token identifies the session, not an answer.
    .filter(([key]) => key !== 'flow_token')
    .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return lines.length > 0 ? lines.join('\n') : orNull(reply.body);
}

function orderText(order: NonNullable<InboundMessageOf<'order'>['order']>): string {
  const items = order.product_items.map((item) => {
    const price = item.item_price !== undefined ? ` (${item.item_price}${item.currency ? ` ${item.currency}` : ''})` : '';
    return `${item.quantity} × ${item.product_retailer_id}${price}`;
  });
  return [orNull(order.text), ...items].filter((line) => line).join('\n');
}

function orNull(text: string | undefined): string | null {
  return text ? text : null;
}
