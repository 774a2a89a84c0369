import { expect } from 'chai';
import { contactLockKeys, messageLockKey } from '../../../src/db/advisory-locks.js';

describe('inbox advisory lock keys', () => {
  const key = (waId: string) => contactLockKeys('118237465540912', { waId, userId: null });

  it('give every phone spelling of one person the same contact key', () => {
    expect(key('5511987654321')).to.deep.equal(key('551187654321'));
    expect(key('5215512345678')).to.deep.equal(key('525512345678'));
    expect(key('5491123456789')).to.deep.equal(key('541123456789'));
  });

  it('keep different people, numbers and accounts apart', () => {
    expect(key('213555123456')).to.not.deep.equal(key('213555123457'));
    expect(contactLockKeys('118237465540913', { waId: '213555123456', userId: null })).to.not.deep.equal(key('213555123456'));
  });

  it('lock a username-only customer by BSUID, and both identities when Meta sends both', () => {
    expect(contactLockKeys('a', { waId: null, userId: 'DZ.1' })).to.deep.equal(['contact:a:user:DZ.1']);
    expect(contactLockKeys('a', { waId: '213555123456', userId: 'DZ.1' })).to.have.length(2);
  });

  it('key a message by its wamid', () => {
    expect(messageLockKey('wamid.A')).to.equal('wamid:wamid.A');
  });
});
