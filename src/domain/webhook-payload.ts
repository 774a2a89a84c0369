import { z } from 'zod';

/*
 * Meta's webhook deliveries for a WhatsApp Business Account (reference §2).
 * Every object is `.passthrough()`: Meta adds fields without notice and the raw message is
 * stored as it came. Only what the pipeline depends on is required (ids, timestamps, the
 * routing metadata, the payload a message type is shown with); a delivery missing one of those
 * is rejected as a whole so it stays visible instead of half-applied.
 * A message type or a change field this code does not know yet still parses, as a generic
 * message / an `other` change: nothing Meta sends is dropped because it is new.
 */

/** Unix seconds. Meta sends them as strings; a number is accepted and kept as its digits. */
const unixSeconds = z
  .union([z.string().regex(/^\d+$/, 'Expected unix seconds'), z.number().int().nonnegative()], {
    errorMap: expected('unix seconds'),
  })
  .transform(String);

/**
 * An identifier that may be absent. Meta's own username example sends `"wa_id": ""` and
 * `"from": ""`: an empty or blank id is "none", never an identity (it merged every username
 * customer into one contact).
 */
const optionalId = z
  .string()
  .optional()
  .transform((id) => (id === undefined || id.trim() === '' ? undefined : id));

/** Graph ids can exceed 2^53 in the future; as strings they compare exactly. */
const graphId = z.union([z.string().min(1), z.number()], { errorMap: expected('a Graph id') }).transform(String);

/** A union's own message: which of its branches failed says nothing to the person reading it. */
function expected(what: string): z.ZodErrorMap {
  return (_issue, ctx) => ({ message: ctx.data === undefined ? 'Required' : `Expected ${what}` });
}

export const metaErrorSchema = z
  .object({
    code: z.number().int(),
    title: z.string(),
    message: z.string().optional(),
    error_data: z.object({ details: z.string().optional() }).passthrough().optional(),
    href: z.string().optional(),
  })
  .passthrough();
export type MetaError = z.output<typeof metaErrorSchema>;

export const webhookContactSchema = z
  .object({
    profile: z.object({ name: z.string().optional(), username: z.string().optional() }).passthrough().optional(),
    wa_id: optionalId,
    user_id: optionalId,
  })
  .passthrough();
export type WebhookContact = z.output<typeof webhookContactSchema>;

const messageContextSchema = z
  .object({
    from: z.string().optional(),
    // Absent on a forwarded message, which has a context but replies to nothing.
    id: z.string().optional(),
    forwarded: z.boolean().optional(),
    frequently_forwarded: z.boolean().optional(),
    // A question about a catalogue product ("Message business" on a product).
    referred_product: z.object({ catalog_id: z.string().optional(), product_retailer_id: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();

const referralSchema = z
  .object({
    source_url: z.string().optional(),
    source_id: z.string().optional(),
    source_type: z.string().optional(),
    headline: z.string().optional(),
    body: z.string().optional(),
    media_type: z.string().optional(),
    ctwa_clid: z.string().optional(),
  })
  .passthrough();

const messageBase = {
  id: z.string().min(1),
  // Absent (or empty) for users known only by a username (BSUID rollout): from_user_id identifies them.
  from: optionalId,
  from_user_id: optionalId,
  // Echoes and history: the customer the business wrote to.
  to: optionalId,
  to_user_id: optionalId,
  // A message in a group chat (Groups API): never part of a one-to-one conversation.
  group_id: optionalId,
  timestamp: unixSeconds,
  context: messageContextSchema.optional(),
  referral: referralSchema.optional(),
  errors: z.array(metaErrorSchema).optional(),
};

const mediaFields = {
  id: z.string().min(1),
  mime_type: z.string().optional(),
  sha256: z.string().optional(),
  url: z.string().optional(),
};

/**
 * A message of one type. Its content object (`text`, `image`, `interactive`…) may be absent when
 * Meta could not render the message and says why in `errors` (an interactive message arrives
 * with errors 131000 and no `interactive`): such a message is kept with its error, as
 * `unsupported` ones are. `inboundMessageSchema` requires the content otherwise.
 */
function messageOf<T extends string, S extends z.ZodRawShape>(type: T, shape: S) {
  const optionalContent = Object.fromEntries(Object.entries(shape).map(([key, schema]) => [key, (schema as z.ZodTypeAny).optional()])) as {
    [K in keyof S]: z.ZodOptional<S[K]>;
  };
  return z.object({ ...messageBase, type: z.literal(type), ...optionalContent }).passthrough();
}

const textMessageSchema = messageOf('text', { text: z.object({ body: z.string() }).passthrough() });
const imageMessageSchema = messageOf('image', {
  image: z.object({ ...mediaFields, caption: z.string().optional() }).passthrough(),
});
const videoMessageSchema = messageOf('video', {
  video: z.object({ ...mediaFields, caption: z.string().optional() }).passthrough(),
});
const audioMessageSchema = messageOf('audio', {
  audio: z.object({ ...mediaFields, voice: z.boolean().optional() }).passthrough(),
});
const documentMessageSchema = messageOf('document', {
  document: z
    .object({ ...mediaFields, filename: z.string().optional(), caption: z.string().optional() })
    .passthrough(),
});
const stickerMessageSchema = messageOf('sticker', {
  sticker: z.object({ ...mediaFields, animated: z.boolean().optional() }).passthrough(),
});
const locationMessageSchema = messageOf('location', {
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
      url: z.string().optional(),
    })
    .passthrough(),
});

const sharedContactSchema = z
  .object({
    name: z
      .object({
        formatted_name: z.string().optional(),
        first_name: z.string().optional(),
        last_name: z.string().optional(),
      })
      .passthrough()
      .optional(),
    phones: z
      .array(
        z
          .object({ phone: z.string().optional(), wa_id: z.string().optional(), type: z.string().optional() })
          .passthrough(),
      )
      .optional(),
    emails: z.array(z.object({ email: z.string().optional(), type: z.string().optional() }).passthrough()).optional(),
    org: z.object({ company: z.string().optional() }).passthrough().optional(),
  })
  .passthrough();
export type SharedContact = z.output<typeof sharedContactSchema>;
const contactsMessageSchema = messageOf('contacts', { contacts: z.array(sharedContactSchema) });

const replyIdTitle = z.object({ id: z.string(), title: z.string() }).passthrough();
const interactiveMessageSchema = messageOf('interactive', {
  interactive: z
    .object({
      type: z.string(),
      button_reply: replyIdTitle.optional(),
      list_reply: replyIdTitle.extend({ description: z.string().optional() }).passthrough().optional(),
      nfm_reply: z
        .object({ name: z.string().optional(), body: z.string().optional(), response_json: z.string() })
        .passthrough()
        .optional(),
    })
    .passthrough()
    .superRefine((interactive, ctx) => {
      // The reply object named by `type` is what an agent sees: it must be there.
      const named = ['button_reply', 'list_reply', 'nfm_reply'].includes(interactive.type);
      if (named && !(interactive.type in interactive)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [interactive.type], message: 'Required' });
      }
    }),
});
const buttonMessageSchema = messageOf('button', {
  button: z.object({ text: z.string(), payload: z.string().optional() }).passthrough(),
});
const reactionMessageSchema = messageOf('reaction', {
  reaction: z.object({ message_id: z.string().min(1), emoji: z.string().optional() }).passthrough(),
});
const orderMessageSchema = messageOf('order', {
  order: z
    .object({
      catalog_id: z.string().optional(),
      text: z.string().optional(),
      product_items: z.array(
        z
          .object({
            product_retailer_id: z.string(),
            quantity: z.union([z.number(), z.string()]),
            item_price: z.union([z.number(), z.string()]).optional(),
            currency: z.string().optional(),
          })
          .passthrough(),
      ),
    })
    .passthrough(),
});
const systemMessageSchema = messageOf('system', {
  system: z
    .object({
      body: z.string().optional(),
      type: z.string().optional(),
      wa_id: z.string().optional(),
      // Older deliveries named the new number `new_wa_id`.
      new_wa_id: z.string().optional(),
      user_id: z.string().optional(),
      parent_user_id: z.string().optional(),
      // user_changed_user_id (and user_changed_number since August 2026): the BSUID it replaces.
      previous_user_id: z.string().optional(),
      previous_parent_user_id: z.string().optional(),
    })
    .passthrough(),
});
/** Coexistence: the author edited an earlier message; `edit.message` is its new content. */
const editMessageSchema = messageOf('edit', {
  edit: z
    .object({
      original_message_id: z.string().min(1),
      message: z.object({ type: z.string().optional() }).passthrough().optional(),
    })
    .passthrough(),
});
/** Coexistence: the author deleted an earlier message for everyone. */
const revokeMessageSchema = messageOf('revoke', {
  revoke: z.object({ original_message_id: z.string().min(1) }).passthrough(),
});
const unsupportedMessageSchema = messageOf('unsupported', {});
const unknownMessageSchema = messageOf('unknown', {});
const requestWelcomeMessageSchema = messageOf('request_welcome', {});

export const knownInboundMessageSchema = z.discriminatedUnion('type', [
  textMessageSchema,
  imageMessageSchema,
  videoMessageSchema,
  audioMessageSchema,
  documentMessageSchema,
  stickerMessageSchema,
  locationMessageSchema,
  contactsMessageSchema,
  interactiveMessageSchema,
  buttonMessageSchema,
  reactionMessageSchema,
  orderMessageSchema,
  systemMessageSchema,
  editMessageSchema,
  revokeMessageSchema,
  unsupportedMessageSchema,
  unknownMessageSchema,
  requestWelcomeMessageSchema,
]);
export type KnownInboundMessage = z.output<typeof knownInboundMessageSchema>;
export type KnownMessageType = KnownInboundMessage['type'];
export type InboundMessageOf<T extends KnownMessageType> = Extract<KnownInboundMessage, { type: T }>;

export const KNOWN_MESSAGE_TYPES: ReadonlySet<string> = new Set<KnownMessageType>(
  knownInboundMessageSchema.options.map((option) => option.shape.type.value),
);

/** A message whose `type` is newer than this code: kept with its common fields and raw body. */
export const genericInboundMessageSchema = z.object({ ...messageBase, type: z.string().min(1) }).passthrough();
export type GenericInboundMessage = z.output<typeof genericInboundMessageSchema>;

export type InboundMessage = KnownInboundMessage | GenericInboundMessage;

export function isKnownInboundMessage(message: InboundMessage): message is KnownInboundMessage {
  return KNOWN_MESSAGE_TYPES.has(message.type);
}

export const inboundMessageSchema = z
  .object({ type: z.string() })
  .passthrough()
  .transform((raw, ctx): InboundMessage => {
    const known = KNOWN_MESSAGE_TYPES.has(raw.type);
    const message = forward((known ? knownInboundMessageSchema : genericInboundMessageSchema).safeParse(raw), ctx);
    // The content named by `type` is what an agent sees: required unless Meta says why it is missing.
    if (known && message && !(raw.type in raw) && !CONTENTLESS_TYPES.has(raw.type) && !(message.errors?.length)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [raw.type], message: 'Required' });
    }
    return message;
  });

/** Known types that carry no content object of their own. */
const CONTENTLESS_TYPES: ReadonlySet<string> = new Set(['unsupported', 'unknown', 'request_welcome']);

export const STATUS_VALUES = ['sent', 'delivered', 'read', 'played', 'failed'] as const;
export type StatusValue = (typeof STATUS_VALUES)[number];

export const webhookStatusSchema = z
  .object({
    id: z.string().min(1),
    status: z.enum(STATUS_VALUES),
    timestamp: unixSeconds,
    recipient_id: optionalId,
    recipient_user_id: optionalId,
    biz_opaque_callback_data: z.string().optional(),
    conversation: z
      .object({
        id: z.string(),
        expiration_timestamp: unixSeconds.optional(),
        origin: z.object({ type: z.string() }).passthrough().optional(),
      })
      .passthrough()
      .optional(),
    pricing: z
      .object({
        billable: z.boolean().optional(),
        pricing_model: z.string().optional(),
        type: z.string().optional(),
        category: z.string().optional(),
      })
      .passthrough()
      .optional(),
    errors: z.array(metaErrorSchema).optional(),
  })
  .passthrough();
export type WebhookStatus = z.output<typeof webhookStatusSchema>;

/**
 * A status that is not a message's delivery: India's payment statuses (`type: "payment"`,
 * captured / failed / pending) and business-initiated calls (`type: "call"`, RINGING, ACCEPTED,
 * REJECTED). Kept as they came; never a reason to refuse the delivery.
 */
export const otherStatusSchema = z
  .object({ id: z.string().min(1), type: z.string().min(1), status: z.string(), timestamp: unixSeconds.optional() })
  .passthrough();
export type OtherStatus = z.output<typeof otherStatusSchema>;

export type AnyWebhookStatus = { kind: 'message'; status: WebhookStatus } | { kind: 'other'; status: OtherStatus };

const anyStatusSchema = z
  .object({ type: z.string().optional() })
  .passthrough()
  .transform((raw, ctx): AnyWebhookStatus => {
    if (raw.type !== undefined && raw.type !== 'message') return { kind: 'other', status: forward(otherStatusSchema.safeParse(raw), ctx) };
    return { kind: 'message', status: forward(webhookStatusSchema.safeParse(raw), ctx) };
  });

export const messagesValueSchema = z
  .object({
    messaging_product: z.string(),
    // Routing depends on it: a delivery without it cannot be placed.
    metadata: z.object({ display_phone_number: z.string(), phone_number_id: z.string().min(1) }).passthrough(),
    contacts: z.array(webhookContactSchema).optional(),
    messages: z.array(inboundMessageSchema).optional(),
    statuses: z.array(anyStatusSchema).optional(),
    errors: z.array(metaErrorSchema).optional(),
  })
  .passthrough()
  .transform(({ statuses, ...value }) => ({ ...value, ...splitStatuses(statuses) }));
export type MessagesValue = z.output<typeof messagesValueSchema>;

/** Messages' delivery statuses in `statuses`, the others (payments, calls) in `otherStatuses`. */
function splitStatuses(statuses: AnyWebhookStatus[] | undefined): { statuses?: WebhookStatus[]; otherStatuses?: OtherStatus[] } {
  if (!statuses) return {};
  const split: { statuses: WebhookStatus[]; otherStatuses: OtherStatus[] } = { statuses: [], otherStatuses: [] };
  for (const entry of statuses) {
    if (entry.kind === 'message') split.statuses.push(entry.status);
    else split.otherStatuses.push(entry.status);
  }
  return split;
}

const numberMetadata = z.object({ display_phone_number: z.string(), phone_number_id: z.string().min(1) }).passthrough();

/** Coexistence: messages the business sent from the WhatsApp Business app (`from` the business, `to` the customer). */
export const echoesValueSchema = z
  .object({ metadata: numberMetadata, message_echoes: z.array(inboundMessageSchema).optional() })
  .passthrough();
export type EchoesValue = z.output<typeof echoesValueSchema>;

/** A message of a history thread: `history_context.status` is its last delivery status (READ, DELIVERED, ERROR…). */
export type HistoryMessage = InboundMessage & { history_context?: { status?: string } };

const historyMessageSchema: z.ZodType<HistoryMessage, z.ZodTypeDef, unknown> = z
  .object({ history_context: z.object({ status: z.string().optional() }).passthrough().optional() })
  .passthrough()
  .transform((raw, ctx): HistoryMessage => ({ ...forward(inboundMessageSchema.safeParse(raw), ctx), history_context: raw.history_context }));

/**
 * Coexistence onboarding: up to 180 days of the WhatsApp Business app's chats, in threads (one
 * per customer), or — in a later delivery — the content of a media message the threads only
 * had a `media_placeholder` for (`messages`). `errors` when the business declined to share.
 */
export const historyValueSchema = z
  .object({
    metadata: numberMetadata,
    history: z
      .array(
        z
          .object({
            metadata: z.object({ phase: z.number().optional(), chunk_order: z.number().optional(), progress: z.number().optional() }).passthrough().optional(),
            threads: z.array(z.object({ id: z.string().min(1), messages: z.array(historyMessageSchema).optional() }).passthrough()).optional(),
            errors: z.array(metaErrorSchema).optional(),
          })
          .passthrough(),
      )
      .optional(),
    messages: z.array(historyMessageSchema).optional(),
  })
  .passthrough();
export type HistoryValue = z.output<typeof historyValueSchema>;

/** Coexistence: the business's WhatsApp Business app address book (contact added, edited or removed). */
export const appStateSyncValueSchema = z
  .object({
    metadata: numberMetadata,
    state_sync: z
      .array(
        z
          .object({
            type: z.string(),
            contact: z.object({ full_name: z.string().optional(), first_name: z.string().optional(), phone_number: optionalId }).passthrough().optional(),
            action: z.string(),
            metadata: z.object({ timestamp: unixSeconds.optional() }).passthrough().optional(),
          })
          .passthrough(),
      )
      .optional(),
  })
  .passthrough();
export type AppStateSyncValue = z.output<typeof appStateSyncValueSchema>;

/** A customer stopped or resumed marketing messages. */
export const userPreferencesValueSchema = z
  .object({
    metadata: numberMetadata,
    contacts: z.array(webhookContactSchema).optional(),
    user_preferences: z
      .array(
        z
          .object({
            wa_id: optionalId,
            user_id: optionalId,
            category: z.string(),
            value: z.string(),
            detail: z.string().optional(),
            timestamp: unixSeconds,
          })
          .passthrough(),
      )
      .optional(),
  })
  .passthrough();
export type UserPreferencesValue = z.output<typeof userPreferencesValueSchema>;

/** Calling API: a call connected (`connect`) or ended (`terminate`, with its status and duration). */
export const callSchema = z
  .object({
    id: z.string().min(1),
    from: optionalId,
    from_user_id: optionalId,
    to: optionalId,
    to_user_id: optionalId,
    event: z.string(),
    direction: z.string().optional(),
    timestamp: unixSeconds,
    status: z.string().optional(),
    start_time: unixSeconds.optional(),
    end_time: unixSeconds.optional(),
    duration: z.union([z.number(), z.string()]).optional(),
  })
  .passthrough();
export type WebhookCall = z.output<typeof callSchema>;

export const callsValueSchema = z
  .object({
    metadata: numberMetadata,
    contacts: z.array(webhookContactSchema).optional(),
    calls: z.array(callSchema).optional(),
    statuses: z.array(anyStatusSchema).optional(),
    errors: z.array(metaErrorSchema).optional(),
  })
  .passthrough()
  .transform(({ statuses, ...value }) => ({ ...value, ...splitStatuses(statuses) }));
export type CallsValue = z.output<typeof callsValueSchema>;

/** The fields Meta sends about a number or its WhatsApp Business Account; their values are read by `describeAccountNotice`. */
export const ACCOUNT_NOTICE_FIELDS = [
  'account_update',
  'phone_number_quality_update',
  'phone_number_name_update',
  'account_alerts',
  'account_review_update',
  'business_capability_update',
  'security',
] as const;
export type AccountNoticeField = (typeof ACCOUNT_NOTICE_FIELDS)[number];

/** A template's text was edited (body, header, footer and URL / phone buttons). */
export const templateComponentsUpdateSchema = z
  .object({
    message_template_id: graphId,
    message_template_name: z.string(),
    message_template_language: z.string(),
    message_template_element: z.string().optional(),
    message_template_title: z.string().optional(),
    message_template_footer: z.string().optional(),
    message_template_buttons: z
      .array(
        z
          .object({
            message_template_button_type: z.string(),
            message_template_button_text: z.string().optional(),
            message_template_button_url: z.string().optional(),
            message_template_button_phone_number: z.string().optional(),
          })
          .passthrough(),
      )
      .optional(),
  })
  .passthrough();
export type TemplateComponentsUpdate = z.output<typeof templateComponentsUpdateSchema>;

const templateIdentity = {
  message_template_id: graphId,
  message_template_name: z.string(),
  message_template_language: z.string(),
};

/** `event` is kept as a string: an event Meta adds later must not fail the delivery. */
export const TEMPLATE_STATUS_EVENTS = [
  'APPROVED',
  'REJECTED',
  'PENDING',
  'DISABLED',
  'PAUSED',
  'FLAGGED',
  'IN_APPEAL',
  'REINSTATED',
  'PENDING_DELETION',
  'DELETED',
  'LIMIT_EXCEEDED',
  'ARCHIVED',
  'UNARCHIVED',
  'LOCKED',
] as const;

export const templateStatusUpdateSchema = z
  .object({
    ...templateIdentity,
    event: z.string().min(1),
    reason: z.string().nullable().optional(),
    message_template_category: z.string().optional(),
    other_info: z.object({ title: z.string().optional(), description: z.string().optional() }).passthrough().optional(),
    rejection_info: z
      .object({ reason: z.string().optional(), recommendation: z.string().optional() })
      .passthrough()
      .optional(),
    // FLAGGED / DISABLED: when it is (or was) disabled.
    disable_info: z.object({ disable_date: z.union([z.string(), z.number()]).optional() }).passthrough().optional(),
  })
  .passthrough();
export type TemplateStatusUpdate = z.output<typeof templateStatusUpdateSchema>;

export const templateCategoryUpdateSchema = z
  .object({
    ...templateIdentity,
    new_category: z.string().min(1),
    previous_category: z.string().optional(),
    // An announced change: `new_category` is then the current one, `correct_category` the coming one, at `category_update_timestamp`.
    correct_category: z.string().optional(),
    category_update_timestamp: unixSeconds.optional(),
  })
  .passthrough();
export type TemplateCategoryUpdate = z.output<typeof templateCategoryUpdateSchema>;

export const templateQualityUpdateSchema = z
  .object({
    ...templateIdentity,
    new_quality_score: z.string().min(1),
    previous_quality_score: z.string().optional(),
  })
  .passthrough();
export type TemplateQualityUpdate = z.output<typeof templateQualityUpdateSchema>;

/**
 * A change, tagged by `kind` so that TypeScript narrows it (`field` alone cannot: an unknown
 * field is any string). `other` carries any field this code does not apply (account_update,
 * smb_message_echoes, …) with its value untouched.
 */
export type WebhookChange =
  | { kind: 'messages'; field: 'messages'; value: MessagesValue }
  | { kind: 'template_status'; field: 'message_template_status_update'; value: TemplateStatusUpdate }
  | { kind: 'template_category'; field: 'template_category_update'; value: TemplateCategoryUpdate }
  | { kind: 'template_quality'; field: 'message_template_quality_update'; value: TemplateQualityUpdate }
  | { kind: 'template_components'; field: 'message_template_components_update'; value: TemplateComponentsUpdate }
  | { kind: 'echoes'; field: 'smb_message_echoes'; value: EchoesValue }
  | { kind: 'history'; field: 'history'; value: HistoryValue }
  | { kind: 'app_state_sync'; field: 'smb_app_state_sync'; value: AppStateSyncValue }
  | { kind: 'user_preferences'; field: 'user_preferences'; value: UserPreferencesValue }
  | { kind: 'calls'; field: 'calls'; value: CallsValue }
  | { kind: 'account_notice'; field: AccountNoticeField; value: Record<string, unknown> }
  | { kind: 'other'; field: string; value: unknown };

const noticeValueSchema = z.record(z.unknown());

export const webhookChangeSchema = z
  .object({ field: z.string().min(1), value: z.unknown() })
  .passthrough()
  .transform((change, ctx): WebhookChange => {
    const value = <S extends z.ZodTypeAny>(schema: S): z.output<S> =>
      forward(schema.safeParse(change.value), ctx, ['value']);
    switch (change.field) {
      case 'messages':
        return { kind: 'messages', field: 'messages', value: value(messagesValueSchema) };
      case 'message_template_status_update':
        return { kind: 'template_status', field: change.field, value: value(templateStatusUpdateSchema) };
      case 'template_category_update':
        return { kind: 'template_category', field: change.field, value: value(templateCategoryUpdateSchema) };
      case 'message_template_quality_update':
        return { kind: 'template_quality', field: change.field, value: value(templateQualityUpdateSchema) };
      case 'message_template_components_update':
        return { kind: 'template_components', field: change.field, value: value(templateComponentsUpdateSchema) };
      case 'smb_message_echoes':
        return { kind: 'echoes', field: change.field, value: value(echoesValueSchema) };
      case 'history':
        return { kind: 'history', field: change.field, value: value(historyValueSchema) };
      case 'smb_app_state_sync':
        return { kind: 'app_state_sync', field: change.field, value: value(appStateSyncValueSchema) };
      case 'user_preferences':
        return { kind: 'user_preferences', field: change.field, value: value(userPreferencesValueSchema) };
      case 'calls':
        return { kind: 'calls', field: change.field, value: value(callsValueSchema) };
      default:
        if ((ACCOUNT_NOTICE_FIELDS as readonly string[]).includes(change.field)) {
          return { kind: 'account_notice', field: change.field as AccountNoticeField, value: value(noticeValueSchema) };
        }
        return { kind: 'other', field: change.field, value: change.value };
    }
  });

export const webhookEnvelopeSchema = z
  .object({
    object: z.literal('whatsapp_business_account'),
    entry: z.array(
      z
        .object({
          id: z.string().min(1),
          time: z.number().optional(),
          changes: z.array(webhookChangeSchema),
        })
        .passthrough(),
    ),
  })
  .passthrough();
export type WebhookEnvelope = z.output<typeof webhookEnvelopeSchema>;
export type WebhookEntry = WebhookEnvelope['entry'][number];

export type ParsedWebhookBody = { ok: true; envelope: WebhookEnvelope } | { ok: false; reason: string };

const MAX_REASONS = 5;

/** Parsed JSON of a webhook delivery → the typed envelope, or a reason a person can act on. */
export function parseWebhookBody(json: unknown): ParsedWebhookBody {
  const result = webhookEnvelopeSchema.safeParse(json);
  if (result.success) return { ok: true, envelope: result.data };
  const issues = result.error.issues;
  const reasons = issues.slice(0, MAX_REASONS).map((issue) => `${formatPath(issue.path)}: ${issue.message}`);
  if (issues.length > MAX_REASONS) reasons.push(`and ${issues.length - MAX_REASONS} more`);
  return { ok: false, reason: reasons.join('; ') };
}

/** Re-raises a nested parse's issues at the current position, so reasons carry the full path. */
function forward<T>(result: z.SafeParseReturnType<unknown, T>, ctx: z.RefinementCtx, prefix: string[] = []): T {
  if (result.success) return result.data;
  for (const issue of result.error.issues) ctx.addIssue({ ...issue, path: [...prefix, ...issue.path] });
  return z.NEVER;
}

function formatPath(path: (string | number)[]): string {
  if (path.length === 0) return 'body';
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}
