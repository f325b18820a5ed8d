import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';

/**
 * AES-256-GCM sealing of secrets at rest (connection credentials, webhook secrets). Each sealed
 * value names the key that sealed it, so keys can rotate: new values use the current key, old
 * ones still open with the previous keys until re-sealed.
 *
 * Format: `v1.<keyId>.<iv>.<tag>.<ciphertext>` (base64url parts).
 */
export class SecretBox {
  private readonly keys = new Map<string, Buffer>();
  readonly currentKeyId: string;

  /** `current` and `previous` are 32-byte keys. */
  constructor(current: Buffer, previous: Buffer[] = []) {
    for (const key of [current, ...previous]) {
      if (key.length !== 32) throw new Error('secret keys must be 32 bytes (64 hex characters)');
      this.keys.set(keyIdOf(key), key);
    }
    this.currentKeyId = keyIdOf(current);
  }

  seal(plaintext: string): string {
    const key = this.keys.get(this.currentKeyId);
    if (!key) throw new Error('current key missing');
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    // The key id is authenticated too: a value cannot be re-labelled to another key.
    cipher.setAAD(Buffer.from(this.currentKeyId));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    const tag = cipher.getAuthTag();
    return [
      'v1',
      this.currentKeyId,
      iv.toString('base64url'),
      tag.toString('base64url'),
      ciphertext.toString('base64url'),
    ].join('.');
  }

  open(sealed: string): string {
    const [version, keyId, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || !keyId || !iv || !tag || ciphertext === undefined)
      throw new Error('not a sealed value');
    const key = this.keys.get(keyId);
    if (!key)
      throw new Error(
        `sealed with unknown key ${keyId}; is SECRET_KEY (or PREVIOUS_SECRET_KEYS) right?`,
      );
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(keyId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([
      decipher.update(Buffer.from(ciphertext, 'base64url')),
      decipher.final(),
    ]).toString('utf8');
  }

  /**
   * A 32-byte key for one purpose (e.g. signing links), derived from the current key with HKDF:
   * the secret itself never signs anything, and each purpose gets a key of its own.
   */
  deriveKey(purpose: string): Buffer {
    const key = this.keys.get(this.currentKeyId);
    if (!key) throw new Error('current key missing');
    return Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `rediscover:${purpose}`, 32));
  }

  /** Which key sealed a value (for re-sealing after a rotation). */
  static keyIdOf(sealed: string): string | null {
    return sealed.split('.')[1] ?? null;
  }
}

/** A short, public fingerprint of a key. */
export function keyIdOf(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export function parseHexKey(hex: string): Buffer {
  if (!/^[0-9a-fA-F]{64}$/.test(hex))
    throw new Error('a secret key is 64 hex characters (openssl rand -hex 32)');
  return Buffer.from(hex, 'hex');
}
