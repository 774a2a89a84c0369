import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import { conversationAssistantView } from '../assistant/conversation-assistant-view.js';
import { setConversationAssistantMode, takeOverConversation } from '../assistant/conversation-mode.js';
import { queueReindex } from '../assistant/knowledge/index-knowledge.js';
import { knowledgeBaseProgress } from '../assistant/knowledge/knowledge-base-progress.js';
import { MAX_KNOWLEDGE_FILE_BYTES } from '../assistant/knowledge/knowledge-file.js';
import { uploadKnowledgeFile } from '../assistant/knowledge/upload-knowledge-file.js';
import { suggestReply, summariseConversation } from '../assistant/suggest-reply.js';
import { testQuestion } from '../assistant/test-question.js';
import type { PluginContext } from '../context/plugin-context.js';
import { ASSISTANT_MODES, type AssistantMode } from '../domain/assistant-modes.js';
import { Refusal } from '../domain/refusal.js';
import { isUuid } from '../domain/uuid.js';
import { holds, type InboxActor } from '../permissions/permission-snapshot.js';

/** Where the assistant's screens call the server, under the back office's path. Uploads are raw files up to MAX_KNOWLEDGE_FILE_BYTES. */
export const ASSISTANT_ROUTES_PATH = '/whatsapp/assistant';

type Handler = (req: Request, actor: InboxActor) => Promise<unknown>;

/**
 * The assistant's JSON API for its screens (the composer's suggestion, the side panel's summary
 * and mode, a knowledge base's upload, progress and test box). Served by the plugin's admin
 * routes, which load the agent and check the origin of changes first; each use case checks the
 * agent's permissions, and the knowledge bases need `assistant.manage`. Refusals answer 422 with
 * their i18n key: `{ notice: { message, options } }`.
 */
export function createAssistantRoutes(context: PluginContext, agentOf: (req: Request) => InboxActor | null): Router {
  const router = express.Router();
  const serve = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
    const actor = agentOf(req);
    if (!actor) return void res.status(401).json({ error: 'unauthenticated' });
    handler(req, actor).then(
      (answer) => res.json(answer),
      (error: unknown) => {
        if (error instanceof Refusal) return void res.status(422).json({ notice: { message: error.key, type: 'error', options: error.params } });
        next(error);
      },
    );
  };
  const managing = (handler: Handler): Handler => async (req, actor) => {
    if (!holds(actor, 'assistant.manage')) throw new Refusal('not-allowed', 'inbox.refusal.notAllowed');
    return handler(req, actor);
  };

  router.get('/conversations/:id', serve((req, actor) => conversationAssistantView(context, { conversationId: String(req.params.id), actor })));
  router.post('/conversations/:id/suggestion', serve((req, actor) => suggestReply(context, { conversationId: String(req.params.id), actor })));
  router.post('/conversations/:id/summary', serve((req, actor) => summariseConversation(context, { conversationId: String(req.params.id), actor })));
  router.post(
    '/conversations/:id/mode',
    serve(async (req, actor) => setConversationAssistantMode(context, { conversationId: String(req.params.id), mode: modeOf((await jsonBody(req)).mode), actor })),
  );
  router.post('/conversations/:id/take-over', serve((req, actor) => takeOverConversation(context, { conversationId: String(req.params.id), actor })));

  router.get('/knowledge/:id/progress', serve(managing((req) => knowledgeBaseProgress(context.dataSource, String(req.params.id)))));
  router.post(
    '/knowledge/:id/reindex',
    serve(
      managing(async (req) => {
        const id = String(req.params.id);
        if (isUuid(id)) await queueReindex(context, context.dataSource, id);
        return knowledgeBaseProgress(context.dataSource, id);
      }),
    ),
  );
  router.post(
    '/knowledge/:id/test',
    serve(
      managing(async (req, actor) => {
        const body = await jsonBody(req);
        return testQuestion(context, {
          knowledgeBaseId: String(req.params.id),
          question: typeof body.question === 'string' ? body.question.slice(0, 2000) : '',
          assistantId: typeof body.assistantId === 'string' && body.assistantId ? body.assistantId : null,
          requestedById: actor.id,
        });
      }),
    ),
  );
  router.post(
    '/knowledge/:id/files',
    (req, res, next) => {
      if (Number(req.get('content-length') ?? 0) > MAX_KNOWLEDGE_FILE_BYTES) {
        return void res.status(413).json({ notice: { message: 'assistant.refusal.fileTooLarge', type: 'error', options: { maxMegabytes: MAX_KNOWLEDGE_FILE_BYTES / 1048576 } } });
      }
      next();
    },
    express.raw({ type: () => true, limit: MAX_KNOWLEDGE_FILE_BYTES }),
    serve(
      managing((req) =>
        uploadKnowledgeFile(context, {
          knowledgeBaseId: String(req.params.id),
          fileName: fileName(req.get('x-file-name')) ?? 'upload',
          mimeType: req.get('content-type') ?? '',
          data: Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0),
        }),
      ),
    ),
  );
  return router;
}

const MAX_JSON_BYTES = 64 * 1024;

/** The JSON body: as the back office's body limits parsed it, else read here (a host without them). */
async function jsonBody(req: Request): Promise<Record<string, unknown>> {
  const parsed: unknown = req.body;
  if (parsed && typeof parsed === 'object' && !Buffer.isBuffer(parsed)) return parsed as Record<string, unknown>;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_JSON_BYTES) throw Object.assign(new Error('request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  try {
    const value: unknown = chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : {};
    return value && typeof value === 'object' ? (value as Record<string, unknown>) : {};
  } catch {
    throw Object.assign(new Error('request body is not valid JSON'), { status: 400 });
  }
}

function modeOf(value: unknown): AssistantMode | null {
  return typeof value === 'string' && (ASSISTANT_MODES as readonly string[]).includes(value) ? (value as AssistantMode) : null;
}

/** The name only: no path, no control characters (sent percent-encoded in `X-File-Name`). */
function fileName(header: string | undefined): string | null {
  if (!header) return null;
  try {
    return [...decodeURIComponent(header)].filter((c) => c >= ' ' && c !== '/' && c !== '\\').join('').slice(0, 200) || null;
  } catch {
    return null;
  }
}
