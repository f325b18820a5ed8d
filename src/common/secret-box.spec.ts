import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from './secret-box';

describe('SecretBox', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);

  it('seals with AES-256-GCM: different every time, opens back, plaintext not visible', () => {
    const box = new SecretBox(newKey);
    const a = box.seal('{"apiKey":"sk_live_123"}');
    const b = box.seal('{"apiKey":"sk_live_123"}');
    expect(a).not.toBe(b);
    expect(a).not.toContain('sk_live');
    expect(box.open(a)).toBe('{"apiKey":"sk_live_123"}');
  });

  it('opens values sealed with a previous key after rotation and names the key', () => {
    const sealed = new SecretBox(oldKey).seal('secret');
    const rotated = new SecretBox(newKey, [oldKey]);
    expect(rotated.open(sealed)).toBe('secret');
    expect(SecretBox.keyIdOf(sealed)).not.toBe(rotated.currentKeyId);
    expect(() => new SecretBox(newKey).open(sealed)).toThrow(/unknown key/);
  });

  it('refuses tampered values', () => {
    const box = new SecretBox(newKey);
    const sealed = box.seal('secret');
    const parts = sealed.split('.');
    parts[4] = Buffer.from('other').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
  });
});
