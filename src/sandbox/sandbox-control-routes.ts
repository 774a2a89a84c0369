import type { SandboxAnswer, SandboxContext } from './sandbox-context.js';
import { faultRuleProblem, SANDBOX_ENDPOINTS, type FaultRule, type SandboxEndpoint } from './sandbox-faults.js';
import type { SeedTemplate } from './sandbox-template-store.js';

/**
 * The sandbox's own API under `/__sandbox/`, for tests in other processes, the benchmark and
 * curious developers:
 *
 * - `GET  /__sandbox/health`
 * - `GET  /__sandbox/log?endpoint=&phone_number_id=&after_seq=`, `DELETE /__sandbox/log`
 * - `GET  /__sandbox/rates` — per number: accepted, throttled, peak per second
 * - `GET|POST|DELETE /__sandbox/faults`, `DELETE /__sandbox/faults/{id}` — a FaultRule as JSON
 * - `GET  /__sandbox/templates?waba_id=`, `POST /__sandbox/templates/{waba-id}` (seed: an array
 *   of templates, APPROVED unless they say otherwise), `POST /__sandbox/templates/{id}/status`
 *   `{status, reason?}` (sends the template webhook)
 * - `GET  /__sandbox/webhooks` — the webhooks delivered to the app and how it answered
 */
export function answerControl(ctx: SandboxContext, method: string, segments: string[], query: URLSearchParams, json: unknown): SandboxAnswer {
  const [resource, id, action] = segments;
  const route = `${method} ${resource ?? ''}${id === undefined ? '' : '/:id'}${action === undefined ? '' : `/${action}`}`;
  switch (route) {
    case 'GET health':
      return ok({ ok: true });
    case 'GET log': {
      const endpoint = query.get('endpoint');
      if (endpoint && !SANDBOX_ENDPOINTS.includes(endpoint as SandboxEndpoint)) return bad(`endpoint must be one of ${SANDBOX_ENDPOINTS.join(', ')}`);
      const afterSeq = query.get('after_seq');
      return ok({
        entries: ctx.log.entries({
          endpoint: (endpoint as SandboxEndpoint | null) ?? undefined,
          phoneNumberId: query.get('phone_number_id') ?? undefined,
          afterSeq: afterSeq === null ? undefined : Number(afterSeq),
        }),
      });
    }
    case 'DELETE log':
      ctx.log.clear();
      return ok({ success: true });
    case 'GET rates':
      return ok({ numbers: ctx.rates.all() });
    case 'GET faults':
      return ok({ faults: ctx.faults.list() });
    case 'POST faults': {
      const problem = faultRuleProblem(json);
      if (problem) return bad(problem);
      return { status: 201, json: { id: ctx.faults.add(json as FaultRule) } };
    }
    case 'DELETE faults':
      ctx.faults.clear();
      return ok({ success: true });
    case 'DELETE faults/:id':
      return ctx.faults.remove(id!) ? ok({ success: true }) : notFound(`no fault ${id}`);
    case 'GET templates': {
      const wabaId = query.get('waba_id');
      return ok({ templates: ctx.templates.all().filter((t) => !wabaId || t.wabaId === wabaId) });
    }
    case 'POST templates/:id': {
      const seeds = Array.isArray(json) ? json : (json as { templates?: unknown } | null)?.templates;
      if (!Array.isArray(seeds)) return bad('send an array of templates');
      return { status: 201, json: { templates: ctx.templates.seed(id!, seeds as SeedTemplate[]) } };
    }
    case 'POST templates/:id/status': {
      const { status, reason } = (json ?? {}) as { status?: unknown; reason?: unknown };
      if (typeof status !== 'string' || status === '') return bad('status is required');
      const template = ctx.setTemplateStatus(id!, status.toUpperCase(), typeof reason === 'string' ? reason : null);
      return template ? ok({ template }) : notFound(`no template ${id}`);
    }
    case 'GET webhooks':
      return ok({ deliveries: ctx.webhooks.deliveries });
    default:
      return notFound(`no sandbox route ${method} /__sandbox/${segments.join('/')}`);
  }
}

function ok(json: unknown): SandboxAnswer {
  return { status: 200, json };
}

function bad(message: string): SandboxAnswer {
  return { status: 400, json: { error: message } };
}

function notFound(message: string): SandboxAnswer {
  return { status: 404, json: { error: message } };
}
