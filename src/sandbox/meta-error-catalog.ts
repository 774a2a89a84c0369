import { randomBytes } from 'node:crypto';

/** A Meta error to answer with: the code decides the HTTP status, title and default details. */
export interface MetaErrorSpec {
  code: number;
  subcode?: number;
  /** `error_data.details`; the catalogue's when absent. */
  details?: string;
  /** Overrides the catalogue's title (the part after `(#code) ` in `message`). */
  title?: string;
  /** Overrides the catalogue's HTTP status. */
  httpStatus?: number;
}

interface CatalogEntry {
  httpStatus: number;
  title: string;
  details: string;
}

// Titles and HTTP statuses as Meta's error-code page lists them (reference §3).
const CATALOG: ReadonlyMap<number, CatalogEntry> = new Map([
  [0, { httpStatus: 401, title: 'AuthException', details: 'We were unable to authenticate the app user.' }],
  [1, { httpStatus: 400, title: 'An unknown error occurred', details: 'Invalid request or possible server error.' }],
  [2, { httpStatus: 503, title: 'Service temporarily unavailable', details: 'Temporary due to downtime or due to being overloaded.' }],
  [4, { httpStatus: 429, title: 'Application request limit reached', details: 'The app has reached its API call rate limit.' }],
  [10, { httpStatus: 403, title: 'Application does not have permission for this action', details: 'Permission is either not granted or has been removed.' }],
  [100, { httpStatus: 400, title: 'Invalid parameter', details: 'The request included one or more unsupported or misspelled parameters.' }],
  [190, { httpStatus: 401, title: 'Error validating access token: Session has expired', details: 'Your access token has expired.' }],
  [368, { httpStatus: 403, title: 'Temporarily blocked for policies violations', details: 'The WhatsApp Business Account associated with the app has been restricted or disabled for violating a platform policy.' }],
  [80007, { httpStatus: 429, title: 'Rate limit issues', details: 'The WhatsApp Business Account has reached its rate limit.' }],
  [130429, { httpStatus: 429, title: 'Rate limit hit', details: 'Message failed to send because there were too many messages sent from this phone number in a short period of time.' }],
  [130472, { httpStatus: 400, title: "User's number is part of an experiment", details: "Failed to send message because this user's phone number is part of an experiment." }],
  [131000, { httpStatus: 500, title: 'Something went wrong', details: 'Message failed to send due to an unknown error.' }],
  [131005, { httpStatus: 403, title: 'Access denied', details: 'Permission is either not granted or has been removed.' }],
  [131008, { httpStatus: 400, title: 'Required parameter is missing', details: 'The request is missing a required parameter.' }],
  [131009, { httpStatus: 400, title: 'Parameter value is not valid', details: 'One or more parameter values are invalid.' }],
  [131016, { httpStatus: 503, title: 'Service unavailable', details: 'A service is temporarily unavailable.' }],
  [131021, { httpStatus: 400, title: 'Recipient cannot be sender', details: 'Sender and recipient phone number is the same.' }],
  [131026, { httpStatus: 400, title: 'Message undeliverable', details: 'Unable to deliver message.' }],
  [131030, { httpStatus: 400, title: 'Recipient phone number not in allowed list', details: 'Recipient phone number not in allowed list.' }],
  [131031, { httpStatus: 403, title: 'Account has been locked', details: 'The WhatsApp Business Account is restricted or disabled.' }],
  [131042, { httpStatus: 400, title: 'Business eligibility payment issue', details: 'There was an error related to your payment method.' }],
  [131045, { httpStatus: 400, title: 'Incorrect certificate', details: 'Message failed to send due to a phone number registration error.' }],
  [131047, { httpStatus: 400, title: 'Re-engagement message', details: 'More than 24 hours have passed since the recipient last replied to the sender number.' }],
  [131048, { httpStatus: 429, title: 'Spam rate limit hit', details: 'Message failed to send because there are restrictions on how many messages can be sent from this phone number.' }],
  [131049, { httpStatus: 400, title: 'This message was not delivered to maintain healthy ecosystem engagement.', details: 'In order to maintain a healthy ecosystem engagement, the message failed to be delivered.' }],
  [131062, { httpStatus: 400, title: 'Business-scoped user ID recipient not supported', details: 'Authentication templates cannot be sent to a business-scoped user ID.' }],
  [131050, { httpStatus: 400, title: 'User has stopped marketing messages', details: 'This recipient has chosen to stop receiving marketing messages on WhatsApp from your business.' }],
  [131051, { httpStatus: 400, title: 'Unsupported message type', details: 'Unsupported message type.' }],
  [131052, { httpStatus: 400, title: 'Media download error', details: 'Unable to download the media sent by the user.' }],
  [131053, { httpStatus: 400, title: 'Media upload error', details: 'Unable to upload the media used in the message.' }],
  [131056, { httpStatus: 429, title: '(Business Account, Consumer Account) pair rate limit hit', details: 'Too many messages sent from the sender phone number to the same recipient phone number in a short period of time.' }],
  [131057, { httpStatus: 503, title: 'Account in maintenance mode', details: 'Business Account is in maintenance mode.' }],
  [132000, { httpStatus: 400, title: 'Number of parameters does not match the expected number of params', details: 'The number of variable parameter values included in the request did not match the number of variable parameters defined in the template.' }],
  [132001, { httpStatus: 404, title: 'Template name does not exist in the translation', details: 'The template does not exist in the specified language or the template has not been approved.' }],
  [132005, { httpStatus: 400, title: 'Translated text too long', details: 'Translated text is too long.' }],
  [132007, { httpStatus: 400, title: 'Template format character policy violated', details: 'Template content violates a WhatsApp policy.' }],
  [132012, { httpStatus: 400, title: 'Parameter format does not match format in the created template', details: 'Variable parameter values formatted incorrectly.' }],
  [132015, { httpStatus: 400, title: 'Template is Paused', details: 'Template is paused due to low quality so it cannot be sent in a template message.' }],
  [132016, { httpStatus: 400, title: 'Template is Disabled', details: 'Template has been paused too many times due to low quality and is now permanently disabled.' }],
  [133010, { httpStatus: 400, title: 'Phone number Not registered', details: 'The phone number is not registered on the WhatsApp Business Platform.' }],
]);

const UNKNOWN: CatalogEntry = { httpStatus: 400, title: 'An unknown error occurred', details: 'An unknown error occurred.' };

export interface MetaErrorAnswer {
  httpStatus: number;
  body: { error: Record<string, unknown> };
}

/** Meta's error envelope for a code, as the Graph API answers it. */
export function metaErrorAnswer(spec: MetaErrorSpec): MetaErrorAnswer {
  const entry = CATALOG.get(spec.code) ?? UNKNOWN;
  const title = spec.title ?? entry.title;
  // Graph prefixes its own codes' titles with the code, except the token errors.
  const message = spec.code === 190 ? title : `(#${spec.code}) ${title}`;
  return {
    httpStatus: spec.httpStatus ?? entry.httpStatus,
    body: {
      error: {
        message,
        type: 'OAuthException',
        code: spec.code,
        ...(spec.subcode !== undefined ? { error_subcode: spec.subcode } : {}),
        error_data: { messaging_product: 'whatsapp', details: spec.details ?? entry.details },
        fbtrace_id: randomBytes(9).toString('base64url'),
      },
    },
  };
}

/** What a `failed` status webhook carries for a code. */
export function statusErrorOf(spec: MetaErrorSpec): Record<string, unknown> {
  const entry = CATALOG.get(spec.code) ?? UNKNOWN;
  const title = spec.title ?? entry.title;
  return {
    code: spec.code,
    title,
    message: title,
    error_data: { details: spec.details ?? entry.details },
    href: 'https://developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes/',
  };
}
