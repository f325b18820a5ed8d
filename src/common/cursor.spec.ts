import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor } from './cursor';

describe('cursor codec', () => {
  const id = '7f000000-0000-4000-8000-000000000001';

  it('round-trips numbers, strings and null sort values', () => {
    for (const sortValue of [0.25, '2026-01-01T00:00:00.000Z', 'josé álvarez', null]) {
      expect(decodeCursor(encodeCursor({ sortValue, id }))).toEqual({ sortValue, id });
    }
  });

  it.each([
    ['not base64', '!!!'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['wrong shape', Buffer.from(JSON.stringify({ a: 1 })).toString('base64url')],
    ['bad id', Buffer.from(JSON.stringify([1, 'x'])).toString('base64url')],
    ['object sort value', Buffer.from(JSON.stringify([{}, id])).toString('base64url')],
  ])('rejects %s as BAD_USER_INPUT on the field', (_label, cursor) => {
    expect(() => decodeCursor(cursor)).toThrowError(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'after' } }),
    );
  });
});
