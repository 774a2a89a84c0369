/*
 * What the conversation view shows of one message, computed on the server from the stored
 * payload (Meta's message for inbound, our request for outbound). The browser receives these
 * small shapes instead of raw payloads: it renders them as text, never as HTML, and every link
 * it may show was checked here to be http(s).
 */

export interface SharedContactView {
  name: string | null;
  organisation: string | null;
  phones: { phone: string | null; waId: string | null; type: string | null }[];
  emails: string[];
  urls: string[];
}

export type MessageContent =
  | { kind: 'text' }
  | { kind: 'image' | 'video'; caption: string | null }
  | { kind: 'audio'; voice: boolean }
  | { kind: 'document'; fileName: string | null; caption: string | null }
  | { kind: 'sticker'; animated: boolean }
  | { kind: 'location'; latitude: number | null; longitude: number | null; name: string | null; address: string | null; url: string | null; mapUrl: string | null }
  | { kind: 'contacts'; contacts: SharedContactView[] }
  | {
      kind: 'interactive';
      /** Inbound: button_reply, list_reply, nfm_reply; outbound: button, list… */
      interactiveType: string;
      title: string | null;
      description: string | null;
      replyId: string | null;
      /** A WhatsApp Flow's answers, or the options an outbound message offered. */
      answers: { key: string; value: string }[];
      options: string[];
    }
  | { kind: 'button'; text: string | null; payload: string | null }
  | { kind: 'order'; text: string | null; items: { productId: string; quantity: number | null; price: number | null; currency: string | null }[] }
  | { kind: 'template'; name: string | null; language: string | null }
  | { kind: 'reaction'; emoji: string | null; targetWamid: string | null }
  | { kind: 'system'; systemType: string | null; newWaId: string | null }
  | { kind: 'request_welcome' }
  /** A WhatsApp call: who called, how it ended, how long it lasted. */
  | { kind: 'call'; outcome: 'answered' | 'missed' | 'rejected' | 'ringing'; durationSeconds: number | null }
  /** Imported history: a media message whose content Meta sends later. */
  | { kind: 'media_placeholder' }
  /** Meta could not show it (`unsupported`, older `unknown`), or a type newer than this code. */
  | { kind: 'unsupported'; originalType: string };

type Json = Record<string, unknown>;

const MEDIA_KINDS = new Set(['image', 'video', 'audio', 'document', 'sticker']);

export function isMediaKind(type: string): boolean {
  return MEDIA_KINDS.has(type);
}

/** The view of a stored message's payload; `type` is the row's type column. */
export function messageContent(type: string, payload: unknown): MessageContent {
  const message = record(payload) ?? {};
  const part = record(message[type]) ?? {};
  switch (type) {
    case 'text':
      return { kind: 'text' };
    case 'image':
    case 'video':
      return { kind: type, caption: text(part.caption) };
    case 'audio':
      return { kind: 'audio', voice: part.voice === true };
    case 'document':
      return { kind: 'document', fileName: text(part.filename), caption: text(part.caption) };
    case 'sticker':
      return { kind: 'sticker', animated: part.animated === true };
    case 'location':
      return locationContent(part);
    case 'contacts':
      return { kind: 'contacts', contacts: list(message.contacts).map(sharedContact) };
    case 'interactive':
      return interactiveContent(part);
    case 'button':
      return { kind: 'button', text: text(part.text), payload: text(part.payload) };
    case 'order':
      return {
        kind: 'order',
        text: text(part.text),
        items: list(part.product_items).map((item) => ({
          productId: text(item.product_retailer_id) ?? '',
          quantity: number(item.quantity),
          price: number(item.item_price),
          currency: text(item.currency),
        })),
      };
    case 'template': {
      const language = record(part.language);
      return { kind: 'template', name: text(part.name), language: text(language?.code) };
    }
    case 'reaction':
      return { kind: 'reaction', emoji: text(part.emoji), targetWamid: text(part.message_id) };
    case 'system':
      return { kind: 'system', systemType: text(part.type), newWaId: text(part.wa_id) ?? text(part.new_wa_id) };
    case 'request_welcome':
      return { kind: 'request_welcome' };
    case 'call':
      return callContent(message);
    case 'media_placeholder':
      return { kind: 'media_placeholder' };
    default:
      return { kind: 'unsupported', originalType: type };
  }
}

function callContent(call: Json): MessageContent {
  const terminate = record(call.terminate);
  const duration = number(terminate?.duration);
  if (terminate) {
    const answered = duration !== null && duration > 0;
    return { kind: 'call', outcome: answered ? 'answered' : record(call.rejected) ? 'rejected' : 'missed', durationSeconds: answered ? duration : null };
  }
  return { kind: 'call', outcome: record(call.rejected) ? 'rejected' : 'ringing', durationSeconds: null };
}

/** An OpenStreetMap link centred on a point, or null when the coordinates are not a place on Earth. */
export function mapUrl(latitude: number | null, longitude: number | null): string | null {
  if (latitude === null || longitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  return `https://www.openstreetmap.org/?mlat=${latitude}&mlon=${longitude}#map=16/${latitude}/${longitude}`;
}

/** A link from outside, kept only when it is http(s): `javascript:` and `data:` never reach an href. */
export function webLink(value: unknown): string | null {
  const candidate = text(value);
  if (!candidate) return null;
  try {
    const url = new URL(candidate);
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : null;
  } catch {
    return null;
  }
}

function locationContent(part: Json): MessageContent {
  const latitude = number(part.latitude);
  const longitude = number(part.longitude);
  return {
    kind: 'location',
    latitude,
    longitude,
    name: text(part.name),
    address: text(part.address),
    url: webLink(part.url),
    mapUrl: mapUrl(latitude, longitude),
  };
}

function sharedContact(contact: Json): SharedContactView {
  const name = record(contact.name);
  const org = record(contact.org);
  const fullName = text(name?.formatted_name) ?? ([text(name?.first_name), text(name?.last_name)].filter(Boolean).join(' ') || null);
  return {
    name: fullName,
    organisation: [text(org?.company), text(org?.title)].filter(Boolean).join(' · ') || null,
    phones: list(contact.phones).map((phone) => ({ phone: text(phone.phone), waId: text(phone.wa_id), type: text(phone.type) })),
    emails: list(contact.emails).map((email) => text(email.email)).filter((email): email is string => email !== null),
    urls: list(contact.urls).map((url) => webLink(url.url)).filter((url): url is string => url !== null),
  };
}

function interactiveContent(part: Json): MessageContent {
  const interactiveType = text(part.type) ?? 'unknown';
  const base = { kind: 'interactive' as const, interactiveType, title: null, description: null, replyId: null, answers: [], options: [] };
  const reply = record(part[interactiveType]);
  switch (interactiveType) {
    case 'button_reply':
    case 'list_reply':
      return { ...base, title: text(reply?.title), description: text(reply?.description), replyId: text(reply?.id) };
    case 'nfm_reply':
      return { ...base, title: text(reply?.name), answers: flowAnswers(reply?.response_json) };
    default: {
      // What we sent: an outbound button or list message, its text and the choices it offered.
      const body = record(part.body);
      const action = record(part.action) ?? {};
      const buttons = list(action.buttons).map((button) => text(record(button.reply)?.title));
      const rows = list(action.sections).flatMap((section) => list(section.rows).map((row) => text(row.title)));
      const link = text(record(action.parameters)?.display_text);
      return { ...base, title: text(body?.text), options: [...buttons, ...rows, link].filter((option): option is string => option !== null) };
    }
  }
}

function flowAnswers(responseJson: unknown): { key: string; value: string }[] {
  if (typeof responseJson !== 'string') return [];
  let answers: unknown;
  try {
    answers = JSON.parse(responseJson);
  } catch {
    return [];
  }
  const fields = record(answers);
  if (!fields) return [];
  return Object.entries(fields)
    // The flow token identifies the session, not an answer.
    .filter(([key]) => key !== 'flow_token')
    .map(([key, value]) => ({ key, value: typeof value === 'string' ? value : JSON.stringify(value) }));
}

function record(value: unknown): Json | null {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : null;
}

function list(value: unknown): Json[] {
  return Array.isArray(value) ? value.map(record).filter((item): item is Json => item !== null) : [];
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function number(value: unknown): number | null {
  const parsed = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  return typeof parsed === 'number' && Number.isFinite(parsed) ? parsed : null;
}
