import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Envelope encryption for secrets at rest (exchange API keys, Stripe keys).
 * Each secret gets its own random 256-bit data key; the data key is wrapped with the master key; both layers are
 * AES-256-GCM. The sealed text records the master key id, so keys can rotate: seal with the current key, open with
 * any known key, and `rewrap` moves a sealed secret to the current key without touching the plaintext.
 * A context string (e.g. "exchange-credential:<id>") is bound as additional authenticated data, so a sealed value
 * copied to another row does not open.
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  constructor(currentKey: Buffer, previousKeys: readonly Buffer[] = []) {
    for (const key of [currentKey, ...previousKeys]) {
      if (key.length !== 32) throw new Error('master keys must be 32 bytes');
      this.keys.set(keyId(key), key);
    }
    this.currentKeyId = keyId(currentKey);
  }

  seal(plaintext: string, context: string): string {
    const dataKey = randomBytes(32);
    const wrapped = gcmEncrypt(this.key(this.currentKeyId), dataKey, `wrap:${context}`);
    const body = gcmEncrypt(dataKey, Buffer.from(plaintext, 'utf8'), `data:${context}`);
    return ['v1', this.currentKeyId, wrapped, body].join('.');
  }

  open(sealed: string, context: string): string {
    const { kid, wrapped, body } = parse(sealed);
    const dataKey = gcmDecrypt(this.key(kid), wrapped, `wrap:${context}`);
    return gcmDecrypt(dataKey, body, `data:${context}`).toString('utf8');
  }

  /** Re-wraps the data key with the current master key (rotation); the data layer is untouched. */
  rewrap(sealed: string, context: string): string {
    const { kid, wrapped, body } = parse(sealed);
    if (kid === this.currentKeyId) return sealed;
    const dataKey = gcmDecrypt(this.key(kid), wrapped, `wrap:${context}`);
    return ['v1', this.currentKeyId, gcmEncrypt(this.key(this.currentKeyId), dataKey, `wrap:${context}`), body].join('.');
  }

  /**
   * A key for another purpose (e.g. signing access tokens), derived from the current master key with HKDF-SHA256, so
   * every process holding the master key derives the same key and it survives restarts.
   */
  deriveKey(purpose: string): Buffer {
    return Buffer.from(hkdfSync('sha256', this.key(this.currentKeyId), Buffer.from('lotline'), Buffer.from(purpose, 'utf8'), 32));
  }

  private key(kid: string): Buffer {
    const key = this.keys.get(kid);
    if (!key) throw new Error(`sealed with unknown master key ${kid}`);
    return key;
  }
}

export function keyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

function gcmEncrypt(key: Buffer, plaintext: Buffer, aad: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(aad, 'utf8'));
  const ct = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ct]).toString('base64url');
}

function gcmDecrypt(key: Buffer, text: string, aad: string): Buffer {
  const raw = Buffer.from(text, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad, 'utf8'));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]);
}

function parse(sealed: string): { kid: string; wrapped: string; body: string } {
  const parts = sealed.split('.');
  if (parts.length !== 4 || parts[0] !== 'v1') throw new Error('not a sealed secret');
  return { kid: parts[1], wrapped: parts[2], body: parts[3] };
}

/**
 * The master key: LOTLINE_MASTER_KEY when set; otherwise (embedded default) generated once into
 * `<dataDir>/master.key` with 0600 permissions and reused. LOTLINE_PREVIOUS_MASTER_KEYS (comma-separated) still open
 * secrets sealed before a rotation.
 */
export function loadSecretBox(masterKey: string | undefined, previousKeys: string | undefined, dataDir: string): SecretBox {
  const previous = (previousKeys ?? '')
    .split(',')
    .map((k) => k.trim())
    .filter(Boolean)
    .map((k) => Buffer.from(k, 'base64'));
  if (masterKey) return new SecretBox(Buffer.from(masterKey, 'base64'), previous);
  const file = join(dataDir, 'master.key');
  if (!existsSync(file)) {
    mkdirSync(dataDir, { recursive: true });
    writeFileSync(file, randomBytes(32).toString('base64') + '\n', { mode: 0o600, flag: 'wx' });
  }
  chmodSync(file, 0o600);
  return new SecretBox(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64'), previous);
}
