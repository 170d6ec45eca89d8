import { randomBytes } from 'crypto';
import { isSealed, keyId, parseSecretsKey, parseSecretsKeys, SecretBox, SecretBoxError } from './secret-box';

const KEY = randomBytes(32);
const OLD = randomBytes(32);

describe('SecretBox', () => {
  it('seals to the versioned format and opens back, for any text', () => {
    const box = new SecretBox(KEY);
    for (const plain of ['dmhub-secret-value', '', 'p@ss word 密码 😀', 'whsec_' + randomBytes(64).toString('base64')]) {
      const sealed = box.seal(plain);
      expect(sealed).toMatch(new RegExp(`^v1:${keyId(KEY)}:[A-Za-z0-9+/]{16}:[A-Za-z0-9+/]{22}==:[A-Za-z0-9+/=]*$`));
      expect(sealed).not.toContain(plain || '\u0000');
      expect(isSealed(sealed)).toBe(true);
      expect(box.open(sealed)).toBe(plain);
    }
  });

  it('uses a fresh IV: the same secret seals differently each time', () => {
    const box = new SecretBox(KEY);
    expect(box.seal('same')).not.toBe(box.seal('same'));
  });

  it('refuses a changed value, an unknown key and plaintext', () => {
    const box = new SecretBox(KEY);
    const sealed = box.seal('secret-value');
    const last = sealed.slice(-6, -5);
    const tampered = sealed.slice(0, -6) + (last === 'A' ? 'B' : 'A') + sealed.slice(-5);
    expect(() => box.open(tampered)).toThrow(/does not authenticate/);
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow(new RegExp(`key ${keyId(KEY)}, which is neither`));
    expect(() => box.open('plain-secret')).toThrow(SecretBoxError);
    expect(box.reveal('legacy plaintext')).toBe('legacy plaintext');
    expect(box.reveal(sealed)).toBe('secret-value');
  });

  it('a value opened before (remembered) still refuses its changed copy', () => {
    const box = new SecretBox(KEY);
    const sealed = box.seal('cached-secret');
    expect(box.open(sealed)).toBe('cached-secret');
    expect(box.open(sealed)).toBe('cached-secret');
    const last = sealed.slice(-6, -5);
    expect(() => box.open(sealed.slice(0, -6) + (last === 'A' ? 'B' : 'A') + sealed.slice(-5))).toThrow(/does not authenticate/);
    expect(() => new SecretBox(randomBytes(32)).open(sealed)).toThrow(SecretBoxError);
  });

  it('opens values of previous keys after a rotation, and tells which ones to re-seal', () => {
    const before = new SecretBox(OLD);
    const old = before.seal('rotate me');
    const after = new SecretBox(KEY, [OLD]);
    expect(after.open(old)).toBe('rotate me');
    expect(after.isCurrent(old)).toBe(false);
    const resealed = after.seal(after.open(old));
    expect(after.isCurrent(resealed)).toBe(true);
    expect(() => before.open(resealed)).toThrow(SecretBoxError);
    expect(after.knows(old)).toBe(true);
    expect(after.knowsKeyId(keyId(OLD))).toBe(true);
    expect(new SecretBox(KEY).knows(old)).toBe(false);
  });

  it('reads keys as hex, base64 and base64url, and names what is wrong without echoing the key', () => {
    expect(parseSecretsKey(KEY.toString('hex'))).toEqual(KEY);
    expect(parseSecretsKey(KEY.toString('base64'))).toEqual(KEY);
    expect(parseSecretsKey(KEY.toString('base64url'))).toEqual(KEY);
    expect(parseSecretsKeys(` ${KEY.toString('hex')}, ${OLD.toString('base64')} `)).toEqual([KEY, OLD]);
    expect(parseSecretsKeys(undefined)).toEqual([]);
    for (const bad of ['short-key', randomBytes(16).toString('hex'), randomBytes(31).toString('base64'), 'z'.repeat(64)]) {
      expect(() => parseSecretsKey(bad)).toThrow('must be 32 bytes written as 64 hex digits or base64');
    }
  });
});
