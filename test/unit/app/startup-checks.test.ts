import { expect } from 'chai';
import { EnvironmentError, readEnvironment } from '../../../example/environment.js';
import type { Logger } from '../../../src/config/logger.js';
import { createBackOfficeProtection } from '../../../src/http/back-office-protection.js';

describe('startup checks', () => {
  it('refuses a first admin password that breaks the policy, saying why', () => {
    const problem = (password: string) => {
      try {
        readEnvironment({ ADMIN_EMAIL: 'boss@example.com', ADMIN_PASSWORD: password });
        return null;
      } catch (error) {
        expect(error).to.be.instanceOf(EnvironmentError);
        return (error as Error).message;
      }
    };
    expect(problem('short')).to.contain('at least 12');
    expect(problem('boss@example.com')).to.contain('must not be the admin email');
    expect(problem('qwerty123456')).to.contain('most common');
    expect(problem('correct horse battery staple')).to.equal(null);
  });

  it('warns loudly when PUBLIC_URL is unset in production, and only then', () => {
    const warnings: string[] = [];
    const logger: Logger = { debug: () => undefined, info: () => undefined, error: () => undefined, warn: (message) => void warnings.push(message) };
    const before = process.env.NODE_ENV;
    try {
      process.env.NODE_ENV = 'production';
      createBackOfficeProtection(logger, {});
      createBackOfficeProtection(logger, { publicUrl: 'https://crm.example.com' });
      process.env.NODE_ENV = 'development';
      createBackOfficeProtection(logger, {});
    } finally {
      if (before === undefined) delete process.env.NODE_ENV;
      else process.env.NODE_ENV = before;
    }
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.contain('PUBLIC_URL is not set');
  });
});
