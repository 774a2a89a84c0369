import { Validator } from '@seriousme/openapi-schema-validator';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { expect } from 'chai';
import { createPluginContext, type PluginContext } from '../../../src/context/plugin-context.js';
import { createApiToken, revokeApiToken, type ApiTokenInput } from '../../../src/integrations/api-tokens.js';
import { snapshotOf, type InboxActor } from '../../../src/permissions/permission-snapshot.js';
import { SecretBox } from '../../../src/secrets/secret-box.js';
import { seedInboxWorld, type InboxWorld } from '../../support/inbox-roles.js';
import { startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

const API = '/admin/api/whatsapp/v1';

interface Answer {
  path: string;
  method: 'get' | 'post';
  status: number;
  body: unknown;
}

describe('REST API', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let world: InboxWorld;
  let context: PluginContext;
  let manager: InboxActor;
  let tokenA: string;
  let everywhere: string;
  const answers: Answer[] = [];

  async function call(token: string | null, method: 'GET' | 'POST', path: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await fetch(office.baseUrl + API + path, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body ? JSON.stringify(body) : undefined,
    });
    const json = (await response.json()) as Record<string, unknown> & { error?: { code: string; message: string } };
    const documented = path.split('?')[0]!.replace(/[0-9a-f]{8}-[0-9a-f-]{27}/, '{conversationId}');
    answers.push({ path: documented, method: method === 'GET' ? 'get' : 'post', status: response.status, body: json });
    return { status: response.status, headers: response.headers, body: json };
  }

  async function token(input: Partial<ApiTokenInput> = {}): Promise<string> {
    const created = await createApiToken(context, manager, {
      name: 'ERP', permissions: ['inbox.view_all', 'inbox.reply'], accountIds: null, expiresInDays: null, ...input,
    });
    return created.token;
  }

  before(async () => {
    office = await startTestBackOffice();
    world = await seedInboxWorld(office);
    context = createPluginContext({ dataSource: office.dataSource, secretBox: new SecretBox(Buffer.alloc(32)), jobs: null as never });
    manager = { id: world.admins.manager.id, role: 'manager', permissions: snapshotOf('manager', []) };
    tokenA = await token({ accountIds: [world.accounts.a] });
    everywhere = await token();
  });
  after(async () => office.stop());

  describe('tokens scoped to numbers', () => {
    it('sends from number A with a token for A, and never from or into number B', async () => {
      const sent = await call(tokenA, 'POST', '/messages/text', { conversationId: world.conversations.aFree, text: 'Bonjour' });
      expect(sent.status).to.equal(202);
      expect(sent.body.message).to.include({ conversationId: world.conversations.aFree, status: 'queued', text: 'Bonjour' });

      const intoB = await call(tokenA, 'POST', '/messages/text', { conversationId: world.conversations.bFree, text: 'Bonjour' });
      expect(intoB.status).to.equal(404);
      const fromB = await call(tokenA, 'POST', '/messages/text', { accountId: world.accounts.b, to: '+213 555 00 00 09', text: 'Bonjour' });
      expect(fromB.status).to.equal(403);
      const [{ count }] = await office.dataSource.query(
        `SELECT count(*)::int AS count FROM whatsapp_messages m JOIN whatsapp_conversations c ON c.id = m.conversation_id
          WHERE c.account_id = $1 AND m.direction = 'outbound'`,
        [world.accounts.b],
      );
      expect(count).to.equal(0);
    });

    it('reads only number A: conversations, messages, contacts', async () => {
      const list = await call(tokenA, 'GET', '/conversations');
      const numbers = (list.body.conversations as { accountId: string }[]).map((c) => c.accountId);
      expect(numbers.length).to.be.greaterThan(0);
      expect(new Set(numbers)).to.deep.equal(new Set([world.accounts.a]));
      expect((await call(tokenA, 'GET', `/conversations/${world.conversations.bFree}/messages`)).status).to.equal(404);
      const messagesOfA = await call(tokenA, 'GET', `/conversations/${world.conversations.aFree}/messages`);
      expect((messagesOfA.body.messages as unknown[]).length).to.be.greaterThan(0);
      expect((await call(tokenA, 'GET', `/contacts?phone=${world.phones.bFree}`)).body.contacts).to.deep.equal([]);
      // Any spelling of A's customer finds it.
      const found = await call(tokenA, 'GET', `/contacts?phone=${encodeURIComponent('0555 00 00 01')}`);
      expect((found.body.contacts as { waId: string }[]).map((c) => c.waId)).to.deep.equal([world.phones.aFree]);
    });

    it('lets a token that may only read list conversations, and refuses its every send', async () => {
      const readOnly = await token({ name: 'Reports', permissions: ['inbox.view_all'], accountIds: [world.accounts.a] });
      expect((await call(readOnly, 'GET', '/conversations')).status).to.equal(200);
      const reply = await call(readOnly, 'POST', '/messages/text', { conversationId: world.conversations.aFree, text: 'Bonjour' });
      expect(reply.status).to.equal(403);
      const started = await call(readOnly, 'POST', '/messages/text', { accountId: world.accounts.a, to: '0555 99 88 76', text: 'Bonjour' });
      expect(started.status).to.equal(403);
    });

    it('starts a conversation with a new number on A under the 24-hour rule: text is refused, only a template may go', async () => {
      const text = await call(tokenA, 'POST', '/messages/text', { accountId: world.accounts.a, to: '0555 99 88 77', text: 'Hello' });
      expect(text.status).to.equal(422);
      expect(text.body.error!.message).to.be.a('string').and.not.match(/^integrations\./);
    });

    it('sends a template to a new number on A, lists that template, and sends media by link into an open conversation', async () => {
      const [{ id: templateId }] = await office.dataSource.query(
        `INSERT INTO whatsapp_templates (account_id, name, language, status, category, components)
         VALUES ($1, 'rendez_vous', 'fr', 'APPROVED', 'UTILITY', '[{"type":"BODY","text":"Votre rendez-vous est confirmé"}]') RETURNING id`,
        [world.accounts.a],
      );
      // A token of its own: tokenA's burst (a tenth of its rate) is spent by the tests around.
      const shop = await token({ name: 'Shop', accountIds: [world.accounts.a] });
      const template = await call(shop, 'POST', '/messages/template', { accountId: world.accounts.a, to: '0555 99 88 78', templateId });
      expect(template.status).to.equal(202);
      expect(template.body.message).to.include({ type: 'template', status: 'queued' });
      const listed = (await call(shop, 'GET', '/templates')).body.templates as { id: string; name: string }[];
      expect(listed.map((t) => t.name)).to.include('rendez_vous');

      const media = await call(shop, 'POST', '/messages/media', {
        conversationId: world.conversations.aFree, kind: 'image', link: 'https://example.com/plan.jpg', caption: 'Le plan',
      });
      expect(media.status).to.equal(202);
      expect(media.body.message).to.include({ conversationId: world.conversations.aFree, type: 'image', status: 'queued' });
    });

    it('says what is wrong with a malformed request', async () => {
      const bad = await call(tokenA, 'POST', '/messages/text', { text: '' });
      expect(bad.status).to.equal(400);
      expect((bad.body.error as unknown as { details: string[] }).details.join(' ')).to.match(/text/);
    });
  });

  describe('authentication', () => {
    it('is never opened by a session alone', async () => {
      const response = await world.browsers.root.request(`${API}/conversations`);
      expect(response.status).to.equal(401);
      expect(response.headers.get('www-authenticate')).to.match(/^Bearer/);
    });

    it('refuses a revoked token and records when a token was last used', async () => {
      const revoked = await token({ name: 'Old ERP' });
      expect((await call(revoked, 'GET', '/templates')).status).to.equal(200);
      const [row] = await office.dataSource.query(`SELECT id, last_used_at FROM whatsapp_api_tokens WHERE name = 'Old ERP'`);
      expect(row.last_used_at).to.be.instanceOf(Date);
      await revokeApiToken(context, manager, row.id);
      expect((await call(revoked, 'GET', '/templates')).status).to.equal(401);
      expect((await call('wat_not-a-token', 'GET', '/templates')).status).to.equal(401);
    });

    it('acts within what its creator holds now', async () => {
      // An agent who may manage integrations: his token asks for every number, and gets his own rights on A.
      await office.dataSource.query(`INSERT INTO whatsapp_permission_grants (agent_id, permission, account_id) VALUES ($1, 'integrations.manage', NULL)`, [
        world.admins.agent.id,
      ]);
      const agent = { id: world.admins.agent.id, role: 'agent', permissions: snapshotOf('agent', [{ permission: 'integrations.manage', accountId: null }]) };
      const { token: agentToken } = await createApiToken(context, agent, {
        name: 'Agent tool', permissions: ['inbox.view_all', 'inbox.view', 'inbox.reply'], accountIds: null, expiresInDays: 30,
      });
      const visible = ((await call(agentToken, 'GET', '/conversations')).body.conversations as { id: string }[]).map((c) => c.id);
      expect(visible).to.include.members([world.conversations.aFree, world.conversations.aMine]);
      expect(visible).to.not.include(world.conversations.bFree);
      expect(visible).to.not.include(world.conversations.aOther);
    });
  });

  describe('Idempotency-Key', () => {
    it('makes two concurrent sends with one key one message', async () => {
      const body = { conversationId: world.conversations.aFree, text: 'Votre devis est prêt' };
      const key = { 'idempotency-key': 'quote-42' };
      const [first, second] = await Promise.all([call(everywhere, 'POST', '/messages/text', body, key), call(everywhere, 'POST', '/messages/text', body, key)]);
      expect([first.status, second.status]).to.deep.equal([202, 202]);
      expect((first.body.message as { id: string }).id).to.equal((second.body.message as { id: string }).id);
      expect([first.headers.get('idempotent-replayed'), second.headers.get('idempotent-replayed')]).to.include('true');
      const [{ count }] = await office.dataSource.query(`SELECT count(*)::int AS count FROM whatsapp_messages WHERE body = $1`, [body.text]);
      expect(count).to.equal(1);

      const reused = await call(everywhere, 'POST', '/messages/text', { ...body, text: 'something else' }, key);
      expect(reused.status).to.equal(422);
      expect(reused.body.error!.code).to.equal('idempotency-key-reused');
    });
  });

  describe('rate limit', () => {
    it('answers 429 with Retry-After past the token’s rate, for that token only', async () => {
      const slow = await token({ name: 'Slow', requestsPerMinute: 6 });
      expect((await call(slow, 'GET', '/templates')).status).to.equal(200);
      const limited = await call(slow, 'GET', '/templates');
      expect(limited.status).to.equal(429);
      expect(Number(limited.headers.get('retry-after'))).to.be.within(1, 10);
      expect((await call(everywhere, 'GET', '/templates')).status).to.equal(200);
    });
  });

  describe('OpenAPI 3.1', () => {
    it('is a valid document, and every answer above follows it', async () => {
      const document = (await (await fetch(`${office.baseUrl}${API}/openapi.json`)).json()) as { paths: Record<string, Record<string, { responses: Record<string, { $ref?: string }> }>> };
      const validator = new Validator();
      const result = await validator.validate(document);
      expect(result.errors ?? []).to.deep.equal([]);
      expect(validator.version).to.equal('3.1');

      const ajv = new Ajv2020({ strict: false, allErrors: true });
      addFormats.default(ajv);
      ajv.addSchema({ ...document, $id: 'openapi' });
      const pointer = (...parts: string[]) => parts.map((part) => part.replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
      expect(answers.length).to.be.greaterThan(10);
      const statuses = new Set<number>();
      for (const answer of answers) {
        const declared = document.paths[answer.path]?.[answer.method]?.responses[String(answer.status)];
        expect(declared, `${answer.method} ${answer.path} ${answer.status} is documented`).to.not.equal(undefined);
        const schema = declared!.$ref
          ? `openapi#/components/responses/RateLimited/content/application~1json/schema`
          : `openapi#/${pointer('paths', answer.path, answer.method, 'responses', String(answer.status), 'content', 'application/json', 'schema')}`;
        const validate = ajv.compile({ $ref: schema });
        expect(validate(answer.body), `${answer.method} ${answer.path} ${answer.status}: ${ajv.errorsText(validate.errors)}`).to.equal(true);
        statuses.add(answer.status);
      }
      expect([...statuses]).to.include.members([200, 202, 400, 401, 403, 404, 422, 429]);
    });
  });
});
