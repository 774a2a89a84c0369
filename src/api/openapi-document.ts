import { CONVERSATION_STATUSES } from '../entities/whatsapp-conversation.entity.js';

/*
 * The OpenAPI 3.1 description of the REST API, served at `<rootPath>/api/whatsapp/v1/openapi.json`.
 * Its schemas are JSON Schema 2020-12; a test validates the API's real answers against them.
 */

const nullable = (type: string, extra: Record<string, unknown> = {}) => ({ type: [type, 'null'], ...extra });
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
const json = (schema: unknown) => ({ 'application/json': { schema } });
const errorAnswer = (description: string) => ({ description, content: json(ref('Error')) });

const target = {
  conversationId: { type: 'string', format: 'uuid', description: 'Send in this conversation…' },
  accountId: { type: 'string', format: 'uuid', description: '…or from this number (with `to`).' },
  to: { type: 'string', description: 'The customer’s phone number, any spelling (+213 555 12 34 56, 0555123456…).' },
};

const sendOperation = (summary: string, body: Record<string, unknown>, required: string[]) => ({
  summary,
  parameters: [{ $ref: '#/components/parameters/IdempotencyKey' }],
  requestBody: {
    required: true,
    content: json({ type: 'object', properties: { ...target, ...body }, required, additionalProperties: false }),
  },
  responses: {
    '202': { description: 'Queued: it goes out through the send pipeline; its progress comes as message.* events.', content: json(ref('Queued')) },
    '400': errorAnswer('The request is malformed (`details` lists what).'),
    '401': errorAnswer('No valid token.'),
    '403': errorAnswer('The token may not send here.'),
    '404': errorAnswer('No such conversation, number or template for this token.'),
    '422': errorAnswer('Understood, not allowed now (outside the 24-hour window, template not approved, inactive number…), or an Idempotency-Key reused with another request.'),
    '429': { $ref: '#/components/responses/RateLimited' },
  },
});

const read = (summary: string, parameters: unknown[], property: string, item: string) => ({
  summary,
  parameters,
  responses: {
    '200': { description: 'OK', content: json({ type: 'object', properties: { [property]: { type: 'array', items: ref(item) } }, required: [property] }) },
    '400': errorAnswer('A parameter is malformed.'),
    '401': errorAnswer('No valid token.'),
    '429': { $ref: '#/components/responses/RateLimited' },
  },
});

const query = (name: string, schema: Record<string, unknown>, description: string, required = false) => ({ name, in: 'query', required, schema, description });

export function openApiDocument(serverUrl: string): Record<string, unknown> {
  return {
    openapi: '3.1.0',
    info: {
      title: 'adminjs-whatsapp',
      version: '1.0.0',
      description:
        'Send WhatsApp messages and read conversations from the CRM’s other systems. Authenticate with an API token created by a manager (Bearer). ' +
        'A token acts for its creator, within its permissions and numbers. Sends accept an Idempotency-Key: a retried request never sends twice.',
    },
    servers: [{ url: serverUrl }],
    security: [{ bearer: [] }],
    paths: {
      '/messages/text': { post: sendOperation('Send a text (inside the 24-hour window)', {
        text: { type: 'string', minLength: 1, maxLength: 4096 },
        previewUrl: { type: 'boolean' },
        replyToMessageId: { type: 'string', format: 'uuid' },
      }, ['text']) },
      '/messages/template': { post: sendOperation('Send an approved template (the only kind allowed outside the window)', {
        templateId: { type: 'string', format: 'uuid' },
        values: { type: 'object', description: 'By slot: `body:1`, `body:first_name`, `header:image` ({ "link": … }), `button:0:1`…', additionalProperties: true },
      }, ['templateId']) },
      '/messages/media': { post: sendOperation('Send an image, video, audio, document or sticker (inside the window)', {
        kind: { enum: ['image', 'video', 'audio', 'document', 'sticker'] },
        link: { type: 'string', format: 'uri' },
        mediaId: { type: 'string' },
        caption: { type: 'string', maxLength: 1024 },
        filename: { type: 'string', maxLength: 240 },
      }, ['kind']) },
      '/conversations': { get: read('Conversations the token sees, newest activity first', [
        query('accountId', { type: 'string', format: 'uuid' }, 'Only this number’s.'),
        query('status', { enum: [...CONVERSATION_STATUSES] }, 'Only in this status.'),
        query('phone', { type: 'string' }, 'Only with this customer (any spelling).'),
        query('before', { type: 'string', format: 'date-time' }, 'Next page: the last `lastMessageAt` of the previous one.'),
        query('limit', { type: 'integer', minimum: 1, maximum: 100, default: 25 }, 'Page size.'),
      ], 'conversations', 'Conversation') },
      '/conversations/{conversationId}/messages': { get: {
        ...read('A conversation’s messages, newest first', [
          { name: 'conversationId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } },
          query('before', { type: 'string', format: 'date-time' }, 'Next page: the last `createdAt` of the previous one.'),
          query('limit', { type: 'integer', minimum: 1, maximum: 100, default: 50 }, 'Page size.'),
        ], 'messages', 'Message'),
        responses: {
          ...read('', [], 'messages', 'Message').responses,
          '404': errorAnswer('No such conversation for this token.'),
        },
      } },
      '/templates': { get: read('Templates of the numbers the token sees', [query('accountId', { type: 'string', format: 'uuid' }, 'Only this number’s.')], 'templates', 'Template') },
      '/sequences': { get: read('Sequences of the numbers the token runs campaigns on (`campaigns.manage`)', [query('accountId', { type: 'string', format: 'uuid' }, 'Only this number’s.')], 'sequences', 'Sequence') },
      '/sequences/{sequenceId}/enrollments': { post: {
        summary: 'Enrol contacts in a sequence that accepts the API (its “API” trigger); a contact already in it stays where it is',
        parameters: [{ name: 'sequenceId', in: 'path', required: true, schema: { type: 'string', format: 'uuid' } }],
        requestBody: {
          required: true,
          content: json({
            type: 'object',
            properties: {
              phones: { type: 'array', maxItems: 1000, items: { type: 'string' }, description: 'Any spelling; a phone the number never wrote to becomes a contact.' },
              contactIds: { type: 'array', maxItems: 1000, items: { type: 'string', format: 'uuid' } },
            },
            additionalProperties: false,
          }),
        },
        responses: {
          '200': { description: 'Enrolled (each starts at the first step at once).', content: json(ref('EnrollmentResult')) },
          '400': errorAnswer('Neither phones nor contactIds, or malformed.'),
          '401': errorAnswer('No valid token.'),
          '403': errorAnswer('The token does not run campaigns on this sequence’s number.'),
          '404': errorAnswer('No such sequence.'),
          '422': errorAnswer('The sequence is paused, or does not accept enrolments from the API.'),
          '429': { $ref: '#/components/responses/RateLimited' },
        },
      } },
      '/contacts': { get: read('Contacts under any spelling of a phone number', [query('phone', { type: 'string' }, 'Any spelling.', true)], 'contacts', 'Contact') },
    },
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'An API token (`wat_…`), created under WhatsApp → API tokens.' } },
      parameters: {
        IdempotencyKey: {
          name: 'Idempotency-Key', in: 'header', required: false, schema: { type: 'string', maxLength: 255 },
          description: 'Any unique string (a UUID): the same key within 24 hours answers the first request’s answer again, and sends nothing more.',
        },
      },
      responses: {
        RateLimited: {
          description: 'Too many requests for this token: wait Retry-After seconds.',
          headers: { 'Retry-After': { schema: { type: 'integer' } } },
          content: json(ref('Error')),
        },
      },
      schemas: {
        Sequence: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            accountId: { type: 'string', format: 'uuid' },
            name: { type: 'string' },
            status: { enum: ['active', 'paused'] },
            acceptsApiEnrollments: { type: 'boolean' },
          },
          required: ['id', 'accountId', 'name', 'status', 'acceptsApiEnrollments'],
        },
        EnrollmentResult: {
          type: 'object',
          properties: {
            enrolled: { type: 'array', items: { type: 'string', format: 'uuid' }, description: 'The enrollments started.' },
            alreadyActive: { type: 'integer', description: 'Contacts already going through the sequence.' },
            notFound: { type: 'integer', description: 'Phones that could not be read, contact ids not of the sequence’s number.' },
          },
          required: ['enrolled', 'alreadyActive', 'notFound'],
        },
        Error: {
          type: 'object',
          properties: {
            error: {
              type: 'object',
              properties: { code: { type: 'string' }, message: { type: 'string' }, details: { type: 'array', items: { type: 'string' } } },
              required: ['code', 'message'],
            },
          },
          required: ['error'],
        },
        Queued: { type: 'object', properties: { message: ref('QueuedMessage') }, required: ['message'] },
        QueuedMessage: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            conversationId: { type: 'string', format: 'uuid' },
            type: { type: 'string' },
            status: { type: 'string' },
            text: nullable('string'),
            createdAt: { type: 'string', format: 'date-time' },
          },
          required: ['id', 'conversationId', 'type', 'status', 'text', 'createdAt'],
          additionalProperties: false,
        },
        CrmRecord: {
          type: 'object',
          properties: { type: { type: 'string' }, id: { type: 'string' }, label: nullable('string') },
          required: ['type', 'id', 'label'],
        },
        Contact: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            accountId: { type: 'string', format: 'uuid' },
            waId: nullable('string'),
            phoneE164: nullable('string'),
            name: nullable('string'),
            crmRecord: { oneOf: [ref('CrmRecord'), { type: 'null' }] },
          },
          required: ['id', 'accountId', 'waId', 'phoneE164', 'name', 'crmRecord'],
          additionalProperties: false,
        },
        Conversation: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            accountId: { type: 'string', format: 'uuid' },
            status: { enum: [...CONVERSATION_STATUSES] },
            assigneeId: nullable('string'),
            unreadCount: { type: 'integer' },
            lastMessageAt: nullable('string', { format: 'date-time' }),
            lastInboundAt: nullable('string', { format: 'date-time' }),
            windowClosesAt: nullable('string', { format: 'date-time', description: 'Until when free-form messages may go; null: only templates.' }),
            contact: ref('Contact'),
          },
          required: ['id', 'accountId', 'status', 'assigneeId', 'unreadCount', 'lastMessageAt', 'lastInboundAt', 'windowClosesAt', 'contact'],
          additionalProperties: false,
        },
        Message: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            conversationId: { type: 'string', format: 'uuid' },
            direction: { enum: ['inbound', 'outbound'] },
            type: { type: 'string' },
            status: { type: 'string' },
            text: nullable('string'),
            createdAt: { type: 'string', format: 'date-time' },
            error: {
              oneOf: [
                { type: 'object', properties: { code: nullable('integer'), title: nullable('string') }, required: ['code', 'title'] },
                { type: 'null' },
              ],
            },
          },
          required: ['id', 'conversationId', 'direction', 'type', 'status', 'text', 'createdAt', 'error'],
          additionalProperties: false,
        },
        Template: {
          type: 'object',
          properties: {
            id: { type: 'string', format: 'uuid' },
            accountId: { type: 'string', format: 'uuid' },
            name: { type: 'string' },
            language: { type: 'string' },
            category: nullable('string'),
            status: { type: 'string', description: 'Only APPROVED templates can be sent.' },
            components: { type: 'array' },
          },
          required: ['id', 'accountId', 'name', 'language', 'category', 'status', 'components'],
          additionalProperties: false,
        },
      },
    },
  };
}
