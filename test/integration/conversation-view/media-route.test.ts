import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { LocalMediaStorage } from '../../../src/media/local-media-storage.js';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';
import { ACCOUNT, signedInAdmin } from './support.js';

const JPEG = Buffer.from('ffd8ffe000104a46494600010100000100010000ffd9', 'hex');

describe('conversation view: the media route', function () {
  this.timeout(60_000);
  let office: RunningBackOffice;
  let mediaDir: string;
  let accountId: string;
  let image: string;
  let document: string;
  let notStored: string;
  let voice: string;
  const VOICE = Buffer.from(Array.from({ length: 1000 }, (_, i) => i % 256));
  let manager: Browser;
  let agent: Browser;
  let otherAgent: Browser;

  const sql = (text: string, params: unknown[] = []) => office.dataSource.query(text, params);

  async function storedMessage(conversationId: string, type: string, mimeType: string, fileName: string | null, content: Buffer | null): Promise<string> {
    const [message] = await sql(
      `INSERT INTO whatsapp_messages (conversation_id, direction, type, status, media_id, media_mime_type, media_file_name)
       VALUES ($1, 'inbound', $2, 'received', '1234', $3, $4) RETURNING id`,
      [conversationId, type, mimeType, fileName],
    );
    if (content) {
      const stored = await new LocalMediaStorage(mediaDir).put(`2025-11-21/${message.id}.bin`, content, { contentType: mimeType });
      await sql(`UPDATE whatsapp_messages SET media_storage_path = $2, media_size = $3 WHERE id = $1`, [message.id, stored.key, stored.size]);
    }
    return message.id;
  }

  before(async () => {
    mediaDir = await mkdtemp(path.join(os.tmpdir(), 'awp-media-route-'));
    office = await startTestBackOffice({ accounts: [ACCOUNT], mediaDir });
    // Served by the plugin's admin routes, behind the back office's authentication, at <rootPath>/whatsapp/media.
    [{ id: accountId }] = await sql(`SELECT id FROM whatsapp_accounts`);

    manager = (await signedInAdmin(office, 'manager@example.com', 'manager')).browser;
    const assignee = await signedInAdmin(office, 'agent@example.com', 'agent', [['inbox.view', accountId]]);
    agent = assignee.browser;
    otherAgent = (await signedInAdmin(office, 'other@example.com', 'agent', [['inbox.view', accountId]])).browser;

    const [contact] = await sql(`INSERT INTO whatsapp_contacts (account_id, wa_id) VALUES ($1, '213555000001') RETURNING id`, [accountId]);
    const [conversation] = await sql(`INSERT INTO whatsapp_conversations (account_id, contact_id, assignee_id) VALUES ($1, $2, $3) RETURNING id`, [
      accountId,
      contact.id,
      assignee.id,
    ]);
    image = await storedMessage(conversation.id, 'image', 'image/jpeg', null, JPEG);
    document = await storedMessage(conversation.id, 'document', 'text/html; charset=utf-8', 'reçu "final".html', Buffer.from('<script>alert(1)</script>'));
    notStored = await storedMessage(conversation.id, 'image', 'image/jpeg', null, null);
    voice = await storedMessage(conversation.id, 'audio', 'audio/ogg; codecs=opus', null, VOICE);
  });
  after(async () => {
    await office?.stop();
    await rm(mediaDir, { recursive: true, force: true });
  });

  it('serves a stored image to an admin who may see the conversation, inline, with its type and nosniff', async () => {
    for (const browser of [manager, agent]) {
      const response = await browser.request(`/admin/whatsapp/media/${image}`);
      expect(response.status).to.equal(200);
      expect(response.headers.get('content-type')).to.equal('image/jpeg');
      expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
      expect(response.headers.get('content-disposition')).to.match(/^inline; filename="image-/);
      expect(Buffer.from(await response.arrayBuffer()).equals(JPEG)).to.equal(true);
    }
  });

  it('sends anything that could run in the page (HTML, SVG…) as an attachment under its own name', async () => {
    const response = await agent.request(`/admin/whatsapp/media/${document}`);
    expect(response.status).to.equal(200);
    expect(response.headers.get('content-type')).to.equal('text/html');
    expect(response.headers.get('content-disposition')).to.equal(
      `attachment; filename="recu _final_.html"; filename*=UTF-8''re%C3%A7u%20%22final%22.html`,
    );
    expect(response.headers.get('content-security-policy')).to.contain('sandbox');
    expect(response.headers.get('x-content-type-options')).to.equal('nosniff');
  });

  it('refuses an agent who may not see the conversation (403, no content), and anyone signed out', async () => {
    const forbidden = await otherAgent.request(`/admin/whatsapp/media/${image}`);
    expect(forbidden.status).to.equal(403);
    expect(Buffer.from(await forbidden.arrayBuffer()).includes(JPEG)).to.equal(false);
    expect(forbidden.headers.get('x-content-type-options')).to.equal('nosniff');
    const signedOut = await new Browser(office.baseUrl).request(`/admin/whatsapp/media/${image}`, { headers: { accept: 'application/json' } });
    expect(signedOut.status).to.equal(401);
  });

  it('answers 403 for an unknown message (as for a forbidden one) and 404 for a file not stored yet', async () => {
    expect((await manager.request(`/admin/whatsapp/media/00000000-0000-4000-8000-000000000000`)).status).to.equal(403);
    expect((await manager.request(`/admin/whatsapp/media/not-a-uuid`)).status).to.equal(403);
    expect((await manager.request(`/admin/whatsapp/media/${notStored}`)).status).to.equal(404);
  });

  it('answers a Range request with the bytes asked for, so players can seek', async () => {
    const whole = await agent.request(`/admin/whatsapp/media/${voice}`);
    expect(whole.status).to.equal(200);
    expect(whole.headers.get('accept-ranges')).to.equal('bytes');
    expect(whole.headers.get('content-length')).to.equal('1000');

    const middle = await agent.request(`/admin/whatsapp/media/${voice}`, { headers: { range: 'bytes=100-199' } });
    expect(middle.status).to.equal(206);
    expect(middle.headers.get('content-range')).to.equal('bytes 100-199/1000');
    expect(middle.headers.get('content-length')).to.equal('100');
    expect(middle.headers.get('content-type')).to.equal('audio/ogg');
    expect(Buffer.from(await middle.arrayBuffer()).equals(VOICE.subarray(100, 200))).to.equal(true);

    const tail = await agent.request(`/admin/whatsapp/media/${voice}`, { headers: { range: 'bytes=-10' } });
    expect(tail.headers.get('content-range')).to.equal('bytes 990-999/1000');
    expect(Buffer.from(await tail.arrayBuffer()).equals(VOICE.subarray(990))).to.equal(true);

    const open = await agent.request(`/admin/whatsapp/media/${voice}`, { headers: { range: 'bytes=900-' } });
    expect(open.headers.get('content-range')).to.equal('bytes 900-999/1000');
  });

  it('answers 416 for a range past the end, and checks permissions before any byte', async () => {
    const past = await agent.request(`/admin/whatsapp/media/${voice}`, { headers: { range: 'bytes=5000-6000' } });
    expect(past.status).to.equal(416);
    expect(past.headers.get('content-range')).to.equal('bytes */1000');
    const forbidden = await otherAgent.request(`/admin/whatsapp/media/${voice}`, { headers: { range: 'bytes=0-9' } });
    expect(forbidden.status).to.equal(403);
  });
});
