import express, { type Request, type Response, type Router } from 'express';
import type { z } from 'zod';
import { enrollContacts } from '../campaigns/enroll-contacts.js';
import { sequencesFor } from '../campaigns/read/sequences-for.js';
import type { PluginContext } from '../context/plugin-context.js';
import {
  queuedMessageOf,
  sendMediaTo,
  sendTemplateTo,
  sendTextTo,
} from '../conversations/send-to-target.js';
import {
  contactsByPhone,
  conversationMessagesFor,
  listConversationsFor,
  templatesFor,
} from '../conversations/read/integration-reads.js';
import type { Transaction } from '../db/transaction.js';
import type { WhatsAppMessage } from '../entities/whatsapp-message.entity.js';
import { apiErrors, sendError } from './api-errors.js';
import { principalOf, requireApiToken } from './api-authentication.js';
import { apiRateLimit } from './api-rate-limit.js';
import { contactsQuery, enrollBody, listQuery, messagesQuery, problemsOf, sendMediaBody, sendTemplateBody, sendTextBody, templatesQuery, sequencesQuery } from './api-requests.js';
import { IdempotencyKeyError, idempotentSend } from './idempotent-send.js';
import { openApiDocument } from './openapi-document.js';

type Handler = (req: Request, res: Response) => Promise<void>;

/**
 * The REST API for the CRM's other systems (version 1): sends (text, template, media), the
 * conversations and their messages, templates, contacts by phone. Bearer tokens only (see
 * api-authentication.ts), rate limited per token; every answer is JSON, described by the
 * OpenAPI document at `openapi.json`.
 */
export function createApiRouter(context: PluginContext): Router {
  const router = express.Router();
  const region = context.options.defaultRegion;
  router.get('/openapi.json', (req, res) => {
    res.json(openApiDocument(`${req.baseUrl}`));
  });
  const parseJson = express.json({ limit: '256kb', strict: true });
  // A host's `protection.bodyLimits` may have read and parsed the JSON body already.
  const jsonBody: express.RequestHandler = (req, res, next) => (req.body === undefined ? parseJson(req, res, next) : next());
  router.use(requireApiToken(context.dataSource), apiRateLimit(context.dataSource), jsonBody);

  const route = (handler: Handler) => (req: Request, res: Response, next: (error?: unknown) => void) => void handler(req, res).catch(next);
  const send = <S extends z.ZodTypeAny>(schema: S, run: (tx: Transaction, body: z.output<S>, req: Request) => Promise<WhatsAppMessage>): Handler =>
    async (req, res) => {
      const parsed = schema.safeParse(req.body);
      if (!parsed.success) return sendError(res, 400, 'invalid-request', 'integrations.api.invalidRequest', {}, problemsOf(parsed.error));
      const principal = principalOf(req);
      try {
        const answer = await idempotentSend(context, req, principal.tokenId, async (tx) => ({
          status: 202,
          body: { message: queuedMessageOf(await run(tx, parsed.data, req)) },
        }));
        if (answer.replayed) res.setHeader('Idempotent-Replayed', 'true');
        res.status(answer.status).json(answer.body);
      } catch (error) {
        if (!(error instanceof IdempotencyKeyError)) throw error;
        sendError(res, error.code === 'idempotency-key-reused' ? 422 : 400, error.code, `integrations.api.${error.code === 'idempotency-key-reused' ? 'idempotencyKeyReused' : 'invalidIdempotencyKey'}`);
      }
    };

  router.post('/messages/text', route(send(sendTextBody, (tx, body, req) => sendTextTo(context, body.target, body, principalOf(req).actor, { tx }))));
  router.post('/messages/template', route(send(sendTemplateBody, (tx, body, req) => sendTemplateTo(context, body.target, body, principalOf(req).actor, { tx }))));
  router.post(
    '/messages/media',
    route(
      send(sendMediaBody, (tx, body, req) =>
        sendMediaTo(
          context,
          body.target,
          { kind: body.kind, media: body.link ? { link: body.link } : { id: body.mediaId! }, caption: body.caption, filename: body.filename },
          principalOf(req).actor,
          { tx },
        ),
      ),
    ),
  );

  router.get(
    '/conversations',
    route(async (req, res) => {
      const query = listQuery.safeParse(req.query);
      if (!query.success) return sendError(res, 400, 'invalid-request', 'integrations.api.invalidRequest', {}, problemsOf(query.error));
      const { before, ...rest } = query.data;
      const conversations = await listConversationsFor(context.dataSource, principalOf(req).actor, { ...rest, before: before ? new Date(before) : undefined }, region);
      res.json({ conversations });
    }),
  );
  router.get(
    '/conversations/:conversationId/messages',
    route(async (req, res) => {
      const query = messagesQuery.safeParse(req.query);
      if (!query.success) return sendError(res, 400, 'invalid-request', 'integrations.api.invalidRequest', {}, problemsOf(query.error));
      const messages = await conversationMessagesFor(context.dataSource, principalOf(req).actor, String(req.params.conversationId), {
        limit: query.data.limit,
        before: query.data.before ? new Date(query.data.before) : undefined,
      });
      if (!messages) return sendError(res, 404, 'conversation-not-found', 'outbound.refusal.conversationNotFound');
      res.json({ messages });
    }),
  );
  router.get(
    '/templates',
    route(async (req, res) => {
      const query = templatesQuery.safeParse(req.query);
      if (!query.success) return sendError(res, 400, 'invalid-request', 'integrations.api.invalidRequest', {}, problemsOf(query.error));
      res.json({ templates: await templatesFor(context.dataSource, principalOf(req).actor, query.data.accountId) });
    }),
  );
  router.get(
    '/contacts',
    route(async (req, res) => {
      const query = contactsQuery.safeParse(req.query);
      if (!query.success) return sendError(res, 400, 'invalid-request', 'integrations.api.invalidRequest', {}, problemsOf(query.error));
      res.json({ contacts: await contactsByPhone(context.dataSource, principalOf(req).actor, query.data.phone, region) });
    }),
  );
  router.get(
    '/sequences',
    route(async (req, res) => {
      const query = sequencesQuery.safeParse(req.query);
      if (!query.success) return sendError(res, 400, 'invalid-request', 'integrations.api.invalidRequest', {}, problemsOf(query.error));
      res.json({ sequences: await sequencesFor(context.dataSource, principalOf(req).actor, query.data.accountId) });
    }),
  );
  // The one enrolment use case (the back office's and the events' too); a contact already in the
  // sequence stays where it is, so a retried request enrols nobody twice.
  router.post(
    '/sequences/:sequenceId/enrollments',
    route(async (req, res) => {
      const body = enrollBody.safeParse(req.body);
      if (!body.success) return sendError(res, 400, 'invalid-request', 'integrations.api.invalidRequest', {}, problemsOf(body.error));
      const result = await enrollContacts(context, principalOf(req).actor, { sequenceId: String(req.params.sequenceId), ...body.data, source: 'api' });
      res.json(result);
    }),
  );
  router.use((_req, res) => sendError(res, 404, 'not-found', 'integrations.api.notFound'));
  router.use(apiErrors((error) => context.logger.error('API request failed', { error: String(error), stack: (error as Error).stack })));
  return router;
}
