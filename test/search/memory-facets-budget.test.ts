import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { benchDocument, benchReference } from '../../bench/search/documents';
import { MemoryFacets } from '../../src/search/postgres/memory/memory-facets';
import { PostgresSearchEngine } from '../../src/search/postgres/postgres-engine';
import type { SearchRequest } from '../../src/search/search-types';
import { sharedDataSource } from '../helpers/database';

/** The candidate budget: organizations over it go to SQL; least recently used ones are evicted. */
describe('memory facets: budget and background loading', () => {
  const orgs = [randomUUID(), randomUUID(), randomUUID()];
  const reference = benchReference('budget');
  let source: DataSource;
  let writer: PostgresSearchEngine;

  beforeAll(async () => {
    source = await sharedDataSource();
    writer = new PostgresSearchEngine(source, { memoryFacets: 'never' });
    // 3, 3 and 10 candidates.
    for (const [k, org] of orgs.entries()) {
      const n = k === 2 ? 10 : 3;
      await writer.index(
        Array.from({ length: n }, (_, i) =>
          benchDocument('budget', k * 100 + i, reference, org, org),
        ),
      );
    }
  });

  afterAll(async () => {
    for (const org of orgs) {
      await source.query('DELETE FROM search_candidates WHERE organization_id = $1', [org]);
    }
    await source.destroy();
  });

  it('keeps the most recently used organizations within the budget and leaves big ones to SQL', async () => {
    const [a = '', b = '', big = ''] = orgs;
    const memory = new MemoryFacets(source, { maxCandidates: 8, waitForLoad: true });
    expect((await memory.index(a))?.live).toBe(3);
    expect((await memory.index(b))?.live).toBe(3);
    expect(memory.stats().candidates).toBe(6);
    expect(await memory.index(big)).toBeNull();
    // A third organization of 3 pushes out the least recently used one (a: b was used since).
    await memory.index(b);
    const c = randomUUID();
    await writer.index(
      Array.from({ length: 3 }, (_, i) => benchDocument('budget', 900 + i, reference, c, c)),
    );
    await memory.index(c);
    expect(memory.stats().candidates).toBe(6);
    await source.query('DELETE FROM search_candidates WHERE organization_id = $1', [c]);
  });

  it("answers with SQL while an organization loads ('auto'), with the same result", async () => {
    const auto = new PostgresSearchEngine(source, { memoryFacets: 'auto' });
    const request: SearchRequest = {
      organizationId: orgs[2] ?? '',
      query: null,
      filter: {},
      facets: ['SKILL', 'LAST_UPDATED', 'STAGE'],
      facetSize: 5,
      sort: { field: 'NAME', direction: 'ASC' },
      first: 3,
      after: null,
      now: new Date('2026-11-01T00:00:00Z'),
    };
    const expected = await writer.search(request);
    expect(await auto.search(request)).toEqual(expected); // SQL, load started
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await auto.search(request)).toEqual(expected); // memory
  });
});
