import { expect } from 'chai';
import { startSandboxGraphApi, type SandboxGraphApi } from '../../../src/sandbox/start-sandbox-graph-api.js';

const NUMBER = { phoneNumberId: '118237465540912', wabaId: '104729381102938', displayPhoneNumber: '213770001122' };
const TOKEN = 'sandbox-token';
const CUSTOMER = '213555123456';

const TEMPLATES = [
  {
    name: 'rappel',
    language: 'fr',
    category: 'UTILITY',
    components: [
      { type: 'HEADER', format: 'IMAGE' },
      { type: 'BODY', text: 'Bonjour {{1}}, cours le {{2}}.', example: { body_text: [['Amina', 'lundi']] } },
    ],
  },
  { name: 'en_attente', language: 'fr', category: 'UTILITY', status: 'PENDING', components: [{ type: 'BODY', text: 'x' }] },
  { name: 'en_pause', language: 'fr', category: 'MARKETING', status: 'PAUSED', components: [{ type: 'BODY', text: 'x' }] },
  { name: 'desactive', language: 'fr', category: 'MARKETING', status: 'DISABLED', components: [{ type: 'BODY', text: 'x' }] },
];

interface MetaError {
  error: { message: string; type: string; code: number; error_subcode?: number; error_data: { messaging_product: string; details: string }; fbtrace_id: string };
}

describe('sandbox Graph API: Meta’s validation, answers and control API (raw HTTP)', () => {
  let sandbox: SandboxGraphApi;
  let now = 1_700_000_000_000;

  before(async () => {
    sandbox = await startSandboxGraphApi({
      numbers: [NUMBER],
      accessToken: TOKEN,
      templates: { [NUMBER.wabaId]: TEMPLATES },
      throughputPerSecond: 3,
      clock: () => now,
    });
  });
  after(() => sandbox.close());
  beforeEach(() => {
    sandbox.faults.clear();
    sandbox.rates.reset();
    now += 10_000;
  });

  async function call(method: string, path: string, body?: unknown, token: string | null = TOKEN): Promise<{ status: number; json: unknown }> {
    const response = await fetch(`${sandbox.url}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  }
  const send = (body: Record<string, unknown>, version = 'v23.0') =>
    call('POST', `/${version}/${NUMBER.phoneNumberId}/messages`, { messaging_product: 'whatsapp', to: CUSTOMER, ...body });
  async function refused(body: Record<string, unknown>): Promise<{ status: number; code: number; details: string }> {
    const { status, json } = await send(body);
    const { error } = json as MetaError;
    expect(error, JSON.stringify(json)).to.include.keys('message', 'type', 'code', 'error_data', 'fbtrace_id');
    expect(error.message).to.match(new RegExp(`^\\(#${error.code}\\) `));
    return { status, code: error.code, details: error.error_data.details };
  }

  it('answers a send with Meta’s shape: the input as given, the wa_id and a wamid', async () => {
    const { status, json } = await send({ to: `+${CUSTOMER}`, type: 'text', text: { body: 'Bonjour' } });
    expect(status).to.equal(200);
    const answer = json as { messaging_product: string; contacts: unknown[]; messages: { id: string }[] };
    expect(answer.messaging_product).to.equal('whatsapp');
    expect(answer.contacts).to.deep.equal([{ input: `+${CUSTOMER}`, wa_id: CUSTOMER }]);
    expect(answer.messages).to.have.length(1);
    expect(answer.messages[0]!.id).to.match(/^wamid\.[A-Za-z0-9+/=]+$/);
    expect(answer.messages[0]).not.to.have.property('message_status');
  });

  it('takes any API version prefix, or none', async () => {
    expect((await send({ type: 'text', text: { body: 'x' } }, 'v21.0')).status).to.equal(200);
    expect((await call('POST', `/${NUMBER.phoneNumberId}/messages`, { messaging_product: 'whatsapp', to: CUSTOMER, text: { body: 'x' } })).status).to.equal(200);
  });

  it('refuses malformed sends with the code Meta uses', async () => {
    expect(await call('POST', `/v23.0/${NUMBER.phoneNumberId}/messages`, { to: CUSTOMER, text: { body: 'x' } })).to.have.nested.property('json.error.code', 100);
    expect(await refused({ to: 'amina', type: 'text', text: { body: 'x' } })).to.include({ status: 400, code: 100 });
    expect(await refused({ type: 'text', text: {} })).to.include({ code: 131008 });
    expect(await refused({ type: 'text', text: { body: 'x'.repeat(4097) } })).to.include({ code: 131009 });
    expect(await refused({ type: 'image', image: { id: '1', link: 'https://x.example/a.jpg' } })).to.include({ code: 100 });
    expect(await refused({ type: 'image', image: { id: '424242' } })).to.include({ code: 100 });
    expect(await refused({ type: 'audio', audio: { link: 'https://x.example/a.ogg', caption: 'no' } })).to.include({ code: 100 });
    expect(await refused({ type: 'text', text: { body: 'x' }, biz_opaque_callback_data: 'x'.repeat(513) })).to.include({ code: 100 });
  });

  it('enforces the interactive limits', async () => {
    const buttons = (n: number, title = 'Oui') => ({
      type: 'interactive',
      interactive: {
        type: 'button',
        body: { text: 'Choisissez' },
        action: { buttons: Array.from({ length: n }, (_, i) => ({ type: 'reply', reply: { id: `b${i}`, title: `${title}${i}` } })) },
      },
    });
    expect((await send(buttons(3))).status).to.equal(200);
    expect(await refused(buttons(4))).to.include({ code: 131009, details: 'Buttons count invalid. Min: 1, Max: 3.' });
    expect(await refused(buttons(1, 'x'.repeat(20)))).to.include({ code: 131009 });
    const list = (rows: number[]) => ({
      type: 'interactive',
      interactive: {
        type: 'list',
        body: { text: 'Cours' },
        action: { button: 'Voir', sections: rows.map((n, s) => ({ title: `S${s}`, rows: Array.from({ length: n }, (_, r) => ({ id: `${s}-${r}`, title: 'Cours' })) })) },
      },
    });
    expect((await send(list([5, 5]))).status).to.equal(200);
    expect(await refused(list([5, 6]))).to.include({ code: 131009, details: 'Total row count exceed max allowed count: 10.' });
  });

  it('checks a template send against its store: exists, approved, parameters in count and kind', async () => {
    const template = (name: string, components: unknown[] = []) => ({ type: 'template', template: { name, language: { code: 'fr' }, components } });
    const good = [
      { type: 'header', parameters: [{ type: 'image', image: { link: 'https://x.example/a.jpg' } }] },
      { type: 'body', parameters: [{ type: 'text', text: 'Amina' }, { type: 'text', text: 'lundi' }] },
    ];
    const accepted = await send(template('rappel', good));
    expect(accepted.status).to.equal(200);
    expect(accepted.json).to.have.nested.property('messages[0].message_status', 'accepted');

    expect(await refused(template('inconnu'))).to.include({ status: 404, code: 132001 });
    expect(await refused({ type: 'template', template: { name: 'rappel', language: { code: 'en' }, components: good } })).to.include({ code: 132001 });
    expect(await refused(template('en_attente'))).to.include({ code: 132001 });
    expect(await refused(template('en_pause'))).to.include({ code: 132015 });
    expect(await refused(template('desactive'))).to.include({ code: 132016 });
    expect(await refused(template('rappel', [good[0], { type: 'body', parameters: [{ type: 'text', text: 'Amina' }] }]))).to.include({ code: 132000 });
    expect(await refused(template('rappel', [{ type: 'header', parameters: [{ type: 'text', text: 'x' }] }, good[1]]))).to.include({ code: 132012 });
  });

  it('refuses an unknown phone number id and a missing or wrong token as Meta does', async () => {
    const unknown = await call('POST', '/v23.0/999999999999999/messages', { messaging_product: 'whatsapp', to: CUSTOMER, text: { body: 'x' } });
    expect(unknown).to.deep.include({ status: 400 });
    expect(unknown.json).to.have.nested.property('error.error_subcode', 33);
    expect(await call('POST', `/v23.0/${NUMBER.phoneNumberId}/messages`, {}, null)).to.have.nested.property('json.error.code', 190);
    expect(await call('POST', `/v23.0/${NUMBER.phoneNumberId}/messages`, {}, 'other')).to.have.property('status', 401);
  });

  it('caps throughput per number with 130429 and measures the peaks over a sliding and a calendar second', async () => {
    now = Math.ceil(now / 1000) * 1000 + 900;
    for (let i = 0; i < 3; i += 1) expect((await send({ text: { body: `${i}` } })).status).to.equal(200);
    expect(await refused({ text: { body: 'one too many' } })).to.include({ status: 429, code: 130429 });
    now += 200; // the next calendar second, still within 1,000 ms of the first three
    expect(await refused({ text: { body: 'still too many' } })).to.include({ code: 130429 });
    now += 800;
    for (let i = 0; i < 3; i += 1) expect((await send({ text: { body: `${i}` } })).status).to.equal(200);
    expect(sandbox.rates.rates(NUMBER.phoneNumberId)).to.deep.equal({ accepted: 6, throttled: 2, peakPerSecond: 3, peakPerCalendarSecond: 3 });
  });

  it('without a cap, measures the highest rate over any 1,000 ms, not only within calendar seconds', async () => {
    let at = 1_700_000_000_900;
    const uncapped = await startSandboxGraphApi({ clock: () => at });
    try {
      const post = () =>
        fetch(`${uncapped.url}/v23.0/1/messages`, {
          method: 'POST',
          headers: { authorization: 'Bearer t', 'content-type': 'application/json' },
          body: JSON.stringify({ messaging_product: 'whatsapp', to: CUSTOMER, text: { body: 'x' } }),
        });
      for (let i = 0; i < 5; i += 1) await post();
      at += 200;
      for (let i = 0; i < 5; i += 1) await post();
      expect(uncapped.rates.rates('1')).to.deep.equal({ accepted: 10, throttled: 0, peakPerSecond: 10, peakPerCalendarSecond: 5 });
    } finally {
      await uncapped.close();
    }
  });

  describe('control API over HTTP', () => {
    it('injects a fault for the next call, and lists and clears faults', async () => {
      const added = await call('POST', '/__sandbox/faults', { endpoint: 'messages', times: 1, action: { type: 'meta-error', code: 131048 } });
      expect(added.status).to.equal(201);
      expect(await call('GET', '/__sandbox/faults')).to.have.nested.property('json.faults[0].action.code', 131048);
      expect(await refused({ text: { body: 'x' } })).to.include({ status: 429, code: 131048 });
      expect((await send({ text: { body: 'x' } })).status).to.equal(200);
      await call('POST', '/__sandbox/faults', { action: { type: 'http', status: 500 } });
      expect((await call('DELETE', '/__sandbox/faults')).status).to.equal(200);
      expect((await send({ text: { body: 'x' } })).status).to.equal(200);
      expect((await call('POST', '/__sandbox/faults', { action: { type: 'explode' } })).status).to.equal(400);
    });

    it('serves the log of what was sent, and the per-number rates', async () => {
      const { json: before } = await call('GET', '/__sandbox/log?endpoint=messages');
      const lastSeq = (before as { entries: { seq: number }[] }).entries.at(-1)?.seq ?? 0;
      await send({ text: { body: 'logged' }, biz_opaque_callback_data: 'cb-1' });
      const { json } = await call('GET', `/__sandbox/log?endpoint=messages&after_seq=${lastSeq}&phone_number_id=${NUMBER.phoneNumberId}`);
      const [entry] = (json as { entries: Record<string, unknown>[] }).entries;
      expect(entry).to.deep.include({ endpoint: 'messages', phoneNumberId: NUMBER.phoneNumberId, accessToken: TOKEN, status: 200 });
      expect(entry!.body).to.deep.equal({ messaging_product: 'whatsapp', to: CUSTOMER, text: { body: 'logged' }, biz_opaque_callback_data: 'cb-1' });
      expect(entry!.at).to.be.a('number');
      expect(await call('GET', '/__sandbox/rates')).to.have.nested.property(`json.numbers.${NUMBER.phoneNumberId}.accepted`, 1);
    });

    it('seeds templates and changes their status', async () => {
      const seeded = await call('POST', `/__sandbox/templates/${NUMBER.wabaId}`, [{ name: 'nouveau', language: 'ar', category: 'UTILITY', components: [{ type: 'BODY', text: 'مرحبا' }] }]);
      const id = (seeded.json as { templates: { id: string; status: string }[] }).templates[0]!.id;
      expect((await send({ type: 'template', template: { name: 'nouveau', language: { code: 'ar' } } })).status).to.equal(200);
      await call('POST', `/__sandbox/templates/${id}/status`, { status: 'paused' });
      expect(await refused({ type: 'template', template: { name: 'nouveau', language: { code: 'ar' } } })).to.include({ code: 132015 });
    });
  });

  it('lets go of a hanging request when it closes', async () => {
    const other = await startSandboxGraphApi();
    other.faults.add({ action: { type: 'hang' } });
    const pending = fetch(`${other.url}/v23.0/1/messages`, { method: 'POST', headers: { authorization: 'Bearer t' }, body: '{}' }).then(
      () => 'answered',
      () => 'cut',
    );
    await until(() => other.log.entries().length === 1);
    await other.close();
    expect(await pending).to.equal('cut');
  });
});

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(condition()).to.equal(true);
}
