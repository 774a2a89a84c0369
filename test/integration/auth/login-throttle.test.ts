import { expect } from 'chai';
import { hashPassword } from '../../../src/auth/password-hasher.js';
import { AdminUser } from '../../../src/entities/admin-user.entity.js';
import { Browser, startTestBackOffice, type RunningBackOffice } from '../../support/test-back-office.js';

const PASSWORD = 'correct horse battery staple';

/** How a burst of logins sent at once was answered: evaluated (a password was checked) or throttled. */
async function burst(
  office: RunningBackOffice,
  attempts: { email: string; password: string }[],
): Promise<{ evaluated: number; wrongChecked: number; throttled: number; signedIn: number }> {
  const statuses = await Promise.all(attempts.map(({ email, password }) => new Browser(office.baseUrl).login(email, password).then((response) => response.status)));
  const count = (...codes: number[]) => statuses.filter((status) => codes.includes(status)).length;
  expect(count(303, 401, 429), `every answer is a sign-in, a refusal or a throttle: ${statuses.join(',')}`).to.equal(attempts.length);
  return { evaluated: count(303, 401), wrongChecked: count(401), throttled: count(429), signedIn: count(303) };
}

describe('login throttle under parallel attempts', function () {
  this.timeout(120_000);
  let office: RunningBackOffice;

  before(async () => {
    office = await startTestBackOffice();
    const passwordHash = await hashPassword(PASSWORD);
    await office.dataSource.getRepository(AdminUser).insert([
      { email: 'target@example.com', name: 'Target', role: 'agent', passwordHash },
      { email: 'other@example.com', name: 'Other', role: 'agent', passwordHash },
    ]);
  });
  beforeEach(() => office.dataSource.query(`DELETE FROM whatsapp_login_attempts`));
  after(async () => office.stop());

  // A success frees its own place (the person proved the password), never the wrong guesses still
  // in flight: a burst gets at most 5 wrong passwords checked, and one more check at most when the
  // right password settles in the middle of it.
  it('evaluates at most 5 of 50 simultaneous attempts on one account, the right password last among them', async () => {
    const attempts = Array.from({ length: 49 }, (_, i) => ({ email: 'target@example.com', password: `wrong guess ${i}` }));
    attempts.push({ email: 'target@example.com', password: PASSWORD });
    const result = await burst(office, attempts);
    expect(result.wrongChecked, JSON.stringify(result)).to.be.at.most(5);
    expect(result.evaluated, JSON.stringify(result)).to.be.at.most(5 + result.signedIn);
    expect(result.throttled).to.be.at.least(44);
  });

  it('evaluates at most 30 of 50 simultaneous attempts from one address across accounts', async () => {
    const attempts = Array.from({ length: 50 }, (_, i) => ({ email: `spray-${i}@example.com`, password: 'guess' }));
    const result = await burst(office, attempts);
    expect(result.evaluated, JSON.stringify(result)).to.be.at.most(30);
  });

  it('does not let a success free the attempts still in flight: a burst with the right password still evaluates at most 5', async () => {
    for (let round = 0; round < 3; round++) {
      const attempts = Array.from({ length: 9 }, (_, i) => ({ email: 'other@example.com', password: `wrong ${round}-${i}` }));
      attempts.splice(round, 0, { email: 'other@example.com', password: PASSWORD });
      const result = await burst(office, attempts);
      expect(result.wrongChecked, `round ${round}: ${JSON.stringify(result)}`).to.be.at.most(5);
      expect(result.evaluated, `round ${round}: ${JSON.stringify(result)}`).to.be.at.most(5 + result.signedIn);
      await office.dataSource.query(`DELETE FROM whatsapp_login_attempts WHERE key LIKE 'ip:%'`);
    }
  });
});
