import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SecretBox } from '../../common/secret-box';
import { WORKBOOK_LINK_KEY_PURPOSE } from './insights-workbook-service';
import {
  decodeWorkbookLink,
  encodeWorkbookLink,
  type SignedWorkbookRequest,
} from './workbook-link';

const key = randomBytes(32);
const now = new Date('2026-03-01T12:00:00Z');
const request: SignedWorkbookRequest = {
  organizationId: '11111111-1111-4111-8111-111111111111',
  apiKeyId: '22222222-2222-4222-8222-222222222222',
  query: 'python AND "data engineer"',
  filter: {
    locations: ['berlin, germany'],
    lastUpdated: { from: new Date('2025-01-01T00:00:00Z'), to: null },
    yearsOfExperience: { min: 2, max: null },
    customFields: [{ key: 'visa', values: ['EU'] }],
  },
  dimensions: ['LOCATION', 'YEARS_OF_EXPERIENCE'],
  size: 20,
  expiresAt: new Date('2026-03-01T12:15:00Z'),
};

describe('workbook links', () => {
  it('round-trips the request, Dates in filters included', () => {
    const decoded = decodeWorkbookLink(encodeWorkbookLink(request, key), key, now);
    expect(decoded).toEqual({ ok: true, value: request });
    if (decoded.ok) expect(decoded.value.filter.lastUpdated?.from).toBeInstanceOf(Date);
  });

  it('refuses another key, any changed character, and a past expiry', () => {
    const token = encodeWorkbookLink(request, key);
    expect(decodeWorkbookLink(token, randomBytes(32), now)).toEqual({
      ok: false,
      error: 'signature',
    });
    for (let i = 3; i < token.length; i += 7) {
      const changed = token.slice(0, i) + (token[i] === 'x' ? 'y' : 'x') + token.slice(i + 1);
      expect(decodeWorkbookLink(changed, key, now).ok, `position ${i}`).toBe(false);
    }
    expect(decodeWorkbookLink(token, key, request.expiresAt)).toEqual({
      ok: false,
      error: 'expired',
    });
    expect(decodeWorkbookLink(token, key, new Date(request.expiresAt.getTime() - 1000)).ok).toBe(
      true,
    );
  });

  it('calls anything that is not a token malformed, without throwing', () => {
    for (const token of [
      '',
      'v1',
      'v1..',
      'v1.abc',
      `v1.${'a'.repeat(7000)}.${'b'.repeat(43)}`,
      '💥',
    ])
      expect(decodeWorkbookLink(token, key, now)).toEqual({ ok: false, error: 'malformed' });
  });

  it('signs with a key of its own, derived from the secret', () => {
    const secret = randomBytes(32);
    const derived = new SecretBox(secret).deriveKey(WORKBOOK_LINK_KEY_PURPOSE);
    expect(derived).toHaveLength(32);
    expect(derived.equals(new SecretBox(secret).deriveKey(WORKBOOK_LINK_KEY_PURPOSE))).toBe(true);
    expect(derived.equals(secret)).toBe(false);
    expect(derived.equals(new SecretBox(secret).deriveKey('another purpose'))).toBe(false);
    expect(
      derived.equals(new SecretBox(randomBytes(32)).deriveKey(WORKBOOK_LINK_KEY_PURPOSE)),
    ).toBe(false);
  });
});
