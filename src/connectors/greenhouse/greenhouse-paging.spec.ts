import { describe, expect, it } from 'vitest';
import { nextLink } from './greenhouse-client';
import {
  completeState,
  decodeCursor,
  encodeCursor,
  INCREMENTAL_OVERLAP_MS,
  updatedSinceFilter,
} from './greenhouse-paging';

describe('Greenhouse paging', () => {
  it('round-trips its opaque cursor and refuses anything else', () => {
    const cursor = { vendorCursor: 'abc', startedAt: 1_700_000_000_000, restarts: 1 };
    expect(decodeCursor(encodeCursor(cursor))).toEqual(cursor);
    expect(decodeCursor('not-a-cursor')).toBeNull();
    const foreign = Buffer.from(JSON.stringify({ v: 2, c: 'x', s: 1, r: 0 })).toString('base64url');
    expect(decodeCursor(foreign)).toBeNull();
  });

  it('asks for updates since the last start minus the overlap', () => {
    const since = '2026-03-01T12:00:00.000Z';
    expect(updatedSinceFilter({ since })).toBe(
      `gte|${new Date(Date.parse(since) - INCREMENTAL_OVERLAP_MS).toISOString()}`,
    );
    expect(updatedSinceFilter({})).toBeNull();
    expect(updatedSinceFilter({ since: 'yesterday' })).toBeNull();
    expect(completeState(Date.parse(since))).toEqual({ since });
  });

  it('finds the next link among others', () => {
    const base = 'https://harvest.greenhouse.io/v3/candidates';
    expect(nextLink(`<${base}?cursor=a>; rel="prev", <${base}?cursor=b>; rel="next"`)).toBe(
      `${base}?cursor=b`,
    );
    expect(nextLink(`<${base}?cursor=a>; rel="prev"`)).toBeNull();
    expect(nextLink(null)).toBeNull();
  });
});
