import type { TemplateSendComponent } from '../domain/template-parameters.js';

/**
 * What can be sent to `POST /{phone-number-id}/messages`, in Meta's own field names so that a
 * message reads like the documentation (reference §3) and the body on the wire is exactly it.
 * `messaging_product` and `recipient_type` are constants the client adds.
 */

/** An uploaded media id or a public https link, never both. */
export type MediaSource = { id: string; link?: never } | { link: string; id?: never };

export type TextContent = { type: 'text'; text: { body: string; preview_url?: boolean } };
export type ImageContent = { type: 'image'; image: MediaSource & { caption?: string } };
export type VideoContent = { type: 'video'; video: MediaSource & { caption?: string } };
export type AudioContent = { type: 'audio'; audio: MediaSource };
export type StickerContent = { type: 'sticker'; sticker: MediaSource };
export type DocumentContent = { type: 'document'; document: MediaSource & { caption?: string; filename?: string } };
/** An empty emoji removes the reaction. */
export type ReactionContent = { type: 'reaction'; reaction: { message_id: string; emoji: string } };
export type LocationContent = {
  type: 'location';
  location: { latitude: number; longitude: number; name?: string; address?: string };
};
export type ContactsContent = { type: 'contacts'; contacts: ContactCard[] };
export type InteractiveContent = { type: 'interactive'; interactive: InteractiveButtons | InteractiveList | InteractiveCtaUrl };
export type TemplateContent = { type: 'template'; template: TemplateMessage };

export type MessageContent =
  | TextContent
  | ImageContent
  | VideoContent
  | AudioContent
  | StickerContent
  | DocumentContent
  | ReactionContent
  | LocationContent
  | ContactsContent
  | InteractiveContent
  | TemplateContent;

export type MessageType = MessageContent['type'];

/**
 * Who it goes to: a wa_id (digits with the country code, no `+`) in `to`, or — for a customer
 * known only by a username — their business-scoped user id (BSUID) in `recipient` (a BSUID in
 * `to` is dropped by Meta). Exactly one of the two.
 */
export type MessageRecipient = { to: string; recipient?: never } | { recipient: string; to?: never };

export type MessageEnvelope = MessageRecipient & {
  /** Makes the message a reply to this message (shown quoted on the phone). */
  context?: { message_id: string };
  /** At most 512 bytes, echoed in every status webhook of this message: our own message id. */
  biz_opaque_callback_data?: string;
};

export type OutboundMessage = MessageContent & MessageEnvelope;

export interface ContactCard {
  name: {
    formatted_name: string;
    first_name?: string;
    last_name?: string;
    middle_name?: string;
    prefix?: string;
    suffix?: string;
  };
  addresses?: {
    street?: string;
    city?: string;
    state?: string;
    zip?: string;
    country?: string;
    country_code?: string;
    type?: string;
  }[];
  /** YYYY-MM-DD */
  birthday?: string;
  emails?: { email?: string; type?: string }[];
  org?: { company?: string; department?: string; title?: string };
  phones?: { phone?: string; type?: string; wa_id?: string }[];
  urls?: { url?: string; type?: string }[];
}

export type InteractiveHeader =
  | { type: 'text'; text: string }
  | { type: 'image'; image: MediaSource }
  | { type: 'video'; video: MediaSource }
  | { type: 'document'; document: MediaSource & { filename?: string } };

export interface InteractiveButtons {
  type: 'button';
  header?: InteractiveHeader;
  body: { text: string };
  footer?: { text: string };
  action: { buttons: { type: 'reply'; reply: { id: string; title: string } }[] };
}

export interface InteractiveList {
  type: 'list';
  /** Lists take a text header only. */
  header?: { type: 'text'; text: string };
  body: { text: string };
  footer?: { text: string };
  action: {
    /** The label of the button that opens the list. */
    button: string;
    sections: { title?: string; rows: { id: string; title: string; description?: string }[] }[];
  };
}

/** One button that opens a web page (the link is never shown raw). */
export interface InteractiveCtaUrl {
  type: 'cta_url';
  header?: InteractiveHeader;
  body: { text: string };
  footer?: { text: string };
  action: { name: 'cta_url'; parameters: { display_text: string; url: string } };
}

export interface TemplateMessage {
  name: string;
  language: { code: string; policy?: 'deterministic' };
  /** Written here by hand, or built from an agent's values by `buildTemplateSendComponents`. */
  components?: (TemplateMessageComponent | TemplateSendComponent)[];
}

/** Named templates (`parameter_format: NAMED`) give every parameter its `parameter_name`. */
type Named = { parameter_name?: string };

export type TextParameter = { type: 'text'; text: string } & Named;
export type CurrencyParameter = {
  type: 'currency';
  /** `amount_1000` is the amount times 1000: 12.5 USD is 12500. */
  currency: { fallback_value: string; code: string; amount_1000: number };
} & Named;
export type DateTimeParameter = { type: 'date_time'; date_time: { fallback_value: string } } & Named;
export type ImageParameter = { type: 'image'; image: MediaSource };
export type VideoParameter = { type: 'video'; video: MediaSource };
export type DocumentParameter = { type: 'document'; document: MediaSource & { filename?: string } };
export type LocationParameter = {
  type: 'location';
  location: { latitude: number; longitude: number; name: string; address: string };
};
export type PayloadParameter = { type: 'payload'; payload: string };
export type CouponCodeParameter = { type: 'coupon_code'; coupon_code: string };
export type FlowActionParameter = {
  type: 'action';
  action: { flow_token?: string; flow_action_data?: Record<string, unknown> };
};

export type HeaderParameter = TextParameter | ImageParameter | VideoParameter | DocumentParameter | LocationParameter;
export type BodyParameter = TextParameter | CurrencyParameter | DateTimeParameter;

/** `index` is the button's position in the template, as a string ("0", "1"…). */
export type TemplateButtonComponent =
  | { type: 'button'; sub_type: 'quick_reply'; index: string; parameters: PayloadParameter[] }
  | { type: 'button'; sub_type: 'url'; index: string; parameters: TextParameter[] }
  | { type: 'button'; sub_type: 'copy_code'; index: string; parameters: CouponCodeParameter[] }
  | { type: 'button'; sub_type: 'flow'; index: string; parameters: FlowActionParameter[] };

export type TemplateMessageComponent =
  | { type: 'header'; parameters: HeaderParameter[] }
  | { type: 'body'; parameters: BodyParameter[] }
  | TemplateButtonComponent;

export type TemplateParameter = HeaderParameter | BodyParameter | TemplateButtonComponent['parameters'][number];
