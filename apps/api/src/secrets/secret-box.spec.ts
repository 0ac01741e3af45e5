import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { SecretBox, keyId, loadSecretBox } from './secret-box';

describe('SecretBox (envelope encryption)', () => {
  const k1 = randomBytes(32);
  const k2 = randomBytes(32);

  it('round-trips a secret and never stores the plaintext', () => {
    const box = new SecretBox(k1);
    const sealed = box.seal('api-secret-XYZ', 'exchange-credential:1');
    expect(sealed).not.toContain('api-secret-XYZ');
    expect(sealed.split('.')[1]).toBe(keyId(k1));
    expect(box.open(sealed, 'exchange-credential:1')).toBe('api-secret-XYZ');
  });

  it('uses a fresh data key each time (same plaintext, different ciphertext)', () => {
    const box = new SecretBox(k1);
    expect(box.seal('same', 'c')).not.toBe(box.seal('same', 'c'));
  });

  it('refuses a secret moved to another context', () => {
    const box = new SecretBox(k1);
    const sealed = box.seal('s', 'exchange-credential:1');
    expect(() => box.open(sealed, 'exchange-credential:2')).toThrow();
  });

  it('detects tampering', () => {
    const box = new SecretBox(k1);
    const parts = box.seal('secret', 'c').split('.');
    const body = Buffer.from(parts[3], 'base64url');
    body[body.length - 1] ^= 1;
    parts[3] = body.toString('base64url');
    expect(() => box.open(parts.join('.'), 'c')).toThrow();
  });

  it('rotates: old secrets open with the previous key and rewrap to the new one', () => {
    const sealedOld = new SecretBox(k1).seal('rotate-me', 'c');
    const rotated = new SecretBox(k2, [k1]);
    expect(rotated.open(sealedOld, 'c')).toBe('rotate-me');
    const rewrapped = rotated.rewrap(sealedOld, 'c');
    expect(rewrapped.split('.')[1]).toBe(keyId(k2));
    expect(new SecretBox(k2).open(rewrapped, 'c')).toBe('rotate-me');
    expect(() => new SecretBox(k2).open(sealedOld, 'c')).toThrow(/unknown master key/);
  });

  it('generates the embedded master key once, 0600, and reuses it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-key-'));
    const sealed = loadSecretBox(undefined, undefined, dir).seal('x', 'c');
    const file = join(dir, 'master.key');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64')).toHaveLength(32);
    expect(loadSecretBox(undefined, undefined, dir).open(sealed, 'c')).toBe('x');
  });

  it('prefers LOTLINE_MASTER_KEY when given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'lotline-key-'));
    const box = loadSecretBox(k2.toString('base64'), k1.toString('base64'), dir);
    expect(box.currentKeyId).toBe(keyId(k2));
    expect(box.open(new SecretBox(k1).seal('old', 'c'), 'c')).toBe('old');
  });
});
