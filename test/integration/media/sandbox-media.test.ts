import { expect } from 'chai';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SAMPLE_MEDIA } from '../../../src/sandbox/sample-media.js';
import type { SimulationKind } from '../../../src/sandbox/simulated-deliveries.js';
import { startSandboxBackOffice, type SandboxBackOffice } from '../../support/sandbox-back-office.js';
import { Browser } from '../../support/test-back-office.js';
import { eventually } from '../../support/eventually.js';

const ROOT = { email: 'root@example.com', password: 'a long admin password' };

/**
 * What `npm start` shows without Meta: the simulator's media messages are downloaded from the
 * sandbox (which serves its own origin over plain http) through the Graph client, stored, and
 * served back by the media route, byte for byte.
 */
describe('media in sandbox mode', function () {
  this.timeout(60_000);
  let office: SandboxBackOffice;
  let mediaDir: string;
  let browser: Browser;

  before(async () => {
    mediaDir = await mkdtemp(path.join(os.tmpdir(), 'awp-sandbox-media-'));
    office = await startSandboxBackOffice({ mediaDir });
    await office.ensureFirstAdmin(ROOT);
    browser = new Browser(office.baseUrl);
    expect((await browser.login(ROOT.email, ROOT.password)).status).to.equal(303);
  });
  after(async () => {
    await office?.stop();
    await rm(mediaDir, { recursive: true, force: true });
  });

  const cases: [SimulationKind, keyof typeof SAMPLE_MEDIA][] = [['image', 'image'], ['voice', 'voice'], ['video', 'video'], ['document', 'document']];
  for (const [kind, sample] of cases) {
    it(`downloads a simulated ${kind} from the sandbox and serves the same bytes`, async () => {
      expect((await office.deliver(kind, { from: '213555123456' })).status).to.equal(200);
      const messageId = await eventually(async () => {
        const [row] = await office.dataSource.query(
          `SELECT id FROM whatsapp_messages WHERE media_id = $1 AND media_storage_path IS NOT NULL ORDER BY created_at DESC LIMIT 1`,
          [SAMPLE_MEDIA[sample].id],
        );
        return row?.id as string | undefined;
      });
      const response = await browser.request(`/admin/whatsapp/media/${messageId}`);
      expect(response.status).to.equal(200);
      expect(Buffer.from(await response.arrayBuffer()).equals(SAMPLE_MEDIA[sample].data)).to.equal(true);
      const [row] = await office.dataSource.query(`SELECT media_error FROM whatsapp_messages WHERE id = $1`, [messageId]);
      expect(row.media_error).to.equal(null);
    });
  }
});
