import { describe, expect, it } from 'vitest';
import { decodeCursor, encodeCursor, isSortValueOf } from './cursor';

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

  it('records the sort and refuses the cursor under another one', () => {
    const cursor = encodeCursor({ sortValue: 'ada', id, sort: 'NAME:ASC' });
    expect(decodeCursor(cursor, 'after', 'NAME:ASC')).toEqual({
      sortValue: 'ada',
      id,
      sort: 'NAME:ASC',
    });
    expect(() => decodeCursor(cursor, 'after', 'LAST_UPDATED:DESC')).toThrowError(
      expect.objectContaining({ code: 'BAD_USER_INPUT', details: { field: 'after' } }),
    );
  });

  it('still decodes cursors issued before the sort was recorded', () => {
    const legacy = Buffer.from(JSON.stringify([0.5, id])).toString('base64url');
    expect(decodeCursor(legacy, 'after', 'RELEVANCE:DESC')).toEqual({ sortValue: 0.5, id });
  });

  it.each([
    ['NUL in a sort value', ['a\u0000', id]],
    ['a lone surrogate in a sort value', ['\ud800', id]],
    ['a made-up sort', [1, id, 'DROP TABLE']],
  ])('rejects %s', (_label, tuple) => {
    const cursor = Buffer.from(JSON.stringify(tuple)).toString('base64url');
    expect(() => decodeCursor(cursor)).toThrowError(
      expect.objectContaining({ code: 'BAD_USER_INPUT' }),
    );
  });

  it('tells which sort values fit which ordering', () => {
    expect(isSortValueOf('score', 0.3)).toBe(true);
    expect(isSortValueOf('score', '0.3')).toBe(false);
    expect(isSortValueOf('score', 1e300)).toBe(false);
    expect(isSortValueOf('timestamp', '2026-01-01T00:00:00.000Z')).toBe(true);
    expect(isSortValueOf('timestamp', 'yesterday')).toBe(false);
    expect(isSortValueOf('timestamp', '2026-13-45T00:00:00Z')).toBe(false);
    expect(isSortValueOf('text', 'josé')).toBe(true);
    expect(isSortValueOf('text', 7)).toBe(false);
    expect(isSortValueOf('text', null)).toBe(true);
  });
});
