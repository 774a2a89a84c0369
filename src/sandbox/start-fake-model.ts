import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fakeEmbedding, fakeModelAnswer, fakeTokens, type ChatTurn } from './fake-model-answers.js';

/** A fault the next requests meet: an HTTP status (429, 500…), a delay, or both. */
export interface FakeModelFault {
  status?: number;
  /** Seconds, sent as `Retry-After` with a 429. */
  retryAfter?: number;
  delayMs?: number;
  /** How many requests meet it. Default 1. */
  times?: number;
}

export interface FakeModelRequest {
  path: string;
  authorization: string | null;
  body: Record<string, unknown>;
  status: number;
}

export interface FakeModel {
  /** The OpenAI-compatible base URL (`…/v1`): an assistant's base URL. Anthropic's Messages API is at `…/v1/messages`. */
  url: string;
  /** Every request, in order (bodies as sent). */
  requests: FakeModelRequest[];
  fail(fault: FakeModelFault): void;
  reset(): void;
  close(): Promise<void>;
}

/**
 * The sandbox's language model: OpenAI's chat completions and embeddings, and Anthropic's
 * Messages API, answered on this machine with no key and no network (fake-model-answers.ts says
 * what it answers). `npm start` starts one in sandbox mode, and the tests use it. Faults on
 * demand: `fail({ status: 429 })`, `fail({ delayMs: 5000 })`, or `POST /__fake-model/faults`.
 */
export async function startFakeModel(options: { port?: number; host?: string } = {}): Promise<FakeModel> {
  const requests: FakeModelRequest[] = [];
  let faults: (FakeModelFault & { times: number })[] = [];
  const open = new Set<ServerResponse>();
  const fail = (fault: FakeModelFault) => faults.push({ ...fault, times: fault.times ?? 1 });

  const server = http.createServer((req, res) => {
    open.add(res);
    res.on('close', () => open.delete(res));
    handle(req, res).catch(() => {
      if (!res.headersSent) answer(res, 500, { error: { message: 'fake model failed' } });
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://fake').pathname.replace(/\/+$/, '');
    const body = await readJson(req);
    if (path === '/__fake-model/faults' && req.method === 'POST') {
      fail(body as FakeModelFault);
      answer(res, 204, null);
      return;
    }
    const record = (status: number) => requests.push({ path, authorization: header(req, 'authorization') ?? header(req, 'x-api-key'), body, status });
    const fault = faults[0];
    if (fault) {
      fault.times -= 1;
      if (fault.times <= 0) faults.shift();
      if (fault.delayMs) await sleep(fault.delayMs);
      if (res.destroyed) return;
      if (fault.status) {
        record(fault.status);
        if (fault.retryAfter !== undefined) res.setHeader('retry-after', String(fault.retryAfter));
        answer(res, fault.status, { error: { type: 'fake_fault', message: `fake model fault ${fault.status}` } });
        return;
      }
    }
    if (req.method === 'POST' && path === '/v1/chat/completions') {
      record(200);
      const messages = (body.messages ?? []) as ChatTurn[];
      const text = fakeModelAnswer(messages);
      answer(res, 200, {
        id: `chatcmpl-fake-${requests.length}`,
        object: 'chat.completion',
        model: body.model,
        choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }],
        usage: usage(messages, text, (input, output) => ({ prompt_tokens: input, completion_tokens: output, total_tokens: input + output })),
      });
      return;
    }
    if (req.method === 'POST' && path === '/v1/messages') {
      record(200);
      const messages: ChatTurn[] = [{ role: 'system', content: String(body.system ?? '') }, ...((body.messages ?? []) as ChatTurn[])];
      const text = fakeModelAnswer(messages);
      answer(res, 200, {
        id: `msg_fake_${requests.length}`,
        type: 'message',
        role: 'assistant',
        model: body.model,
        content: [{ type: 'text', text }],
        stop_reason: 'end_turn',
        usage: usage(messages, text, (input, output) => ({ input_tokens: input, output_tokens: output })),
      });
      return;
    }
    if (req.method === 'POST' && path === '/v1/embeddings') {
      record(200);
      const inputs = Array.isArray(body.input) ? (body.input as string[]) : [String(body.input ?? '')];
      answer(res, 200, {
        object: 'list',
        model: body.model,
        data: inputs.map((input, index) => ({ object: 'embedding', index, embedding: fakeEmbedding(input) })),
        usage: { prompt_tokens: inputs.reduce((sum, input) => sum + fakeTokens(input), 0), total_tokens: 0 },
      });
      return;
    }
    record(404);
    answer(res, 404, { error: { message: `no route ${req.method} ${path}` } });
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    fail,
    reset() {
      requests.length = 0;
      faults = [];
    },
    async close() {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

function usage<T>(messages: readonly ChatTurn[], text: string, shape: (input: number, output: number) => T): T {
  return shape(messages.reduce((sum, message) => sum + fakeTokens(message.content), 0), fakeTokens(text));
}

function header(req: IncomingMessage, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : null;
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  if (!chunks.length) return {};
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}

function answer(res: ServerResponse, status: number, json: unknown): void {
  if (res.destroyed) return;
  res.writeHead(status, json === null ? {} : { 'content-type': 'application/json' });
  res.end(json === null ? undefined : JSON.stringify(json));
}
