import { describe, expect, it } from 'vitest';
import type { FacetField, SearchResult } from '../../../src/search/search-types';
import { expectFacet, PYTHON_LABELS, same, v, type ContractContext } from './harness';

/** A facet's otherValueCount (the facet must be present). */
function otherValueCount(result: SearchResult, field: FacetField): number {
  const facet = result.facets.find((f) => f.field === field);
  expect(facet, `facet ${field}`).toBeDefined();
  return facet!.otherValueCount;
}

/**
 * facetSize and otherValueCount over organization A (SEMANTICS.md "Facets"): the distinct
 * values with a count that `facetSize` left out, selected values shown on top not among them.
 * Counted by hand from search-dataset-org-a.ts (42 distinct skills, 29 locations, 5 sources).
 */
export function facetSizeCases(ctx: ContractContext): void {
  describe('facet size and left-out values', () => {
    it('says how many values facetSize left out, and none when all fit', async () => {
      const cut = await ctx.search({ facets: ['SOURCE'], facetSize: 2 });
      expectFacet(cut, 'SOURCE', [v('linkedin', 'LinkedIn', 11), v('referral', 'Referral', 10)]);
      // agency, career site, job board.
      expect(otherValueCount(cut, 'SOURCE')).toBe(3);

      const all = await ctx.search({ facets: ['SOURCE'], facetSize: 5 });
      expect(all.facets[0]?.values).toHaveLength(5);
      expect(otherValueCount(all, 'SOURCE')).toBe(0);
    });

    it('does not count a selected value shown below the top as left out', async () => {
      const result = await ctx.search({
        filter: { skills: ['Rust'] },
        facets: ['SKILL'],
        facetSize: 1,
      });
      expectFacet(result, 'SKILL', [v('python', PYTHON_LABELS, 16), v('rust', 'Rust', 1)]);
      // 42 skills over all of A (SKILL ignores its own filter), two of them shown.
      expect(otherValueCount(result, 'SKILL')).toBe(40);
    });

    it('does not count a selected value no candidate has', async () => {
      const result = await ctx.search({
        filter: { locations: ['Atlantis'] },
        facets: ['LOCATION'],
        facetSize: 1,
      });
      expectFacet(result, 'LOCATION', [
        v('berlin, germany', 'Berlin, Germany', 3),
        v('atlantis', null, 0),
      ]);
      // 29 locations, one of them shown; Atlantis is no value of anyone.
      expect(otherValueCount(result, 'LOCATION')).toBe(28);
    });

    it('counts left-out application values on the applications that pass the other filters', async () => {
      const d = ctx.data;
      const result = await ctx.search({
        filter: { jobIds: [d.job('data')] },
        facets: ['STAGE', 'JOB'],
        facetSize: 2,
      });
      // The nine data applications: Phone Screen 3, then three stages with 2 (ties by value).
      expectFacet(result, 'STAGE', [
        v('phone screen', 'Phone Screen', 3),
        v('application review', 'Application Review', 2),
      ]);
      // offer and onsite; Hired is a stage of A, but of no data application.
      expect(otherValueCount(result, 'STAGE')).toBe(2);
      // JOB ignores its own filter: five jobs in A, two shown.
      expect(otherValueCount(result, 'JOB')).toBe(3);
    });

    it('never cuts the range facets', async () => {
      const result = await ctx.search({
        facets: ['LAST_UPDATED', 'YEARS_OF_EXPERIENCE'],
        facetSize: 1,
      });
      expectFacet(result, 'LAST_UPDATED', [
        same('LAST_7_DAYS', 6),
        same('LAST_30_DAYS', 19),
        same('LAST_90_DAYS', 27),
        same('LAST_365_DAYS', 34),
        same('OLDER', 6),
      ]);
      expect(otherValueCount(result, 'LAST_UPDATED')).toBe(0);
      expect(result.facets.find((f) => f.field === 'YEARS_OF_EXPERIENCE')?.values).toHaveLength(6);
      expect(otherValueCount(result, 'YEARS_OF_EXPERIENCE')).toBe(0);
    });
  });
}
