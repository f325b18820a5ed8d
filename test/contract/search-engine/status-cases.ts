import { describe, expect, it } from 'vitest';
import { expectBreakdown, expectFacet, same, type ContractContext } from './harness';

/**
 * Application statuses over organization A (SEMANTICS.md "Filters" and "Facets"): the
 * `statuses` filter, the STATUS facet and insight dimension, and the same-application rule they
 * share with stages, jobs and rejection reasons. Engines label a status with its code (the API
 * names it). Counted by hand from search-dataset-org-a.ts: of the 29 applicants, 20 have an
 * ACTIVE application, 6 a REJECTED one, 4 a WITHDRAWN one (ivan, fatima, raj, kwame), 1 is
 * HIRED (soren); ivan and raj are ACTIVE on another job too.
 */
export function statusCases(ctx: ContractContext): void {
  describe('application status', () => {
    it('counts STATUS per candidate, once per status', async () => {
      const result = await ctx.search({ facets: ['STATUS'] });
      expectFacet(result, 'STATUS', [
        same('ACTIVE', 20),
        same('REJECTED', 6),
        same('WITHDRAWN', 4),
        same('HIRED', 1),
      ]);
    });

    it('filters by status, any of the listed ones', async () => {
      ctx.expectMatches(await ctx.search({ filter: { statuses: ['WITHDRAWN'] } }), [
        'ivan',
        'fatima',
        'raj',
        'kwame',
      ]);
      ctx.expectMatches(await ctx.search({ filter: { statuses: ['HIRED', 'WITHDRAWN'] } }), [
        'soren',
        'ivan',
        'fatima',
        'raj',
        'kwame',
      ]);
    });

    it('holds status and stage on the same application', async () => {
      // ivan is ACTIVE (data, Application Review) and Onsite (platform, withdrawn): no match.
      ctx.expectMatches(
        await ctx.search({ filter: { stages: ['Onsite'], statuses: ['ACTIVE'] } }),
        ['jose', 'francois', 'priya', 'aisha', 'liam', 'noah', 'laura'],
      );
      ctx.expectMatches(
        await ctx.search({ filter: { stages: ['Onsite'], statuses: ['WITHDRAWN'] } }),
        ['ivan'],
      );
    });

    it('holds status and job on the same application', async () => {
      const d = ctx.data;
      ctx.expectMatches(
        await ctx.search({ filter: { jobIds: [d.job('platform')], statuses: ['WITHDRAWN'] } }),
        ['ivan', 'fatima', 'raj'],
      );
      // raj withdrew from platform and is ACTIVE on ml; kwame withdrew from data.
      ctx.expectMatches(
        await ctx.search({
          filter: { jobIds: [d.job('data')], statuses: ['WITHDRAWN'], stages: ['Phone Screen'] },
        }),
        ['kwame'],
      );
    });

    it('counts STATUS on the applications at the selected stage, and STAGE on the selected status', async () => {
      const onsite = await ctx.search({ filter: { stages: ['Onsite'] }, facets: ['STATUS'] });
      // ivan's ACTIVE application is not at Onsite: he counts as WITHDRAWN only.
      expectFacet(onsite, 'STATUS', [same('ACTIVE', 7), same('REJECTED', 1), same('WITHDRAWN', 1)]);

      const withdrawn = await ctx.search({
        filter: { statuses: ['WITHDRAWN'] },
        facets: ['STAGE'],
      });
      // raj and kwame at Phone Screen, fatima at Application Review, ivan at Onsite (his
      // Application Review is ACTIVE, not withdrawn).
      expectFacet(withdrawn, 'STAGE', [
        { value: 'phone screen', label: 'Phone Screen', count: 2 },
        { value: 'application review', label: 'Application Review', count: 1 },
        { value: 'onsite', label: 'Onsite', count: 1 },
      ]);
    });

    it('ignores its own filter and keeps the others (multi-select), showing a selected empty status', async () => {
      const hired = await ctx.search({
        filter: { statuses: ['HIRED'], sources: ['Referral'] },
        facets: ['STATUS'],
      });
      ctx.expectMatches(hired, ['soren']);
      // The referred applicants: nine ACTIVE (raj is also WITHDRAWN), soren HIRED.
      expectFacet(hired, 'STATUS', [same('ACTIVE', 9), same('HIRED', 1), same('WITHDRAWN', 1)]);

      const archived = await ctx.search({ filter: { statuses: ['ARCHIVED'] }, facets: ['STATUS'] });
      expect(archived.totalCount).toBe(0);
      expectFacet(archived, 'STATUS', [
        same('ACTIVE', 20),
        same('REJECTED', 6),
        same('WITHDRAWN', 4),
        same('HIRED', 1),
        same('ARCHIVED', 0),
      ]);
    });

    it('breaks candidates down by STATUS in insights, each bucket working as a filter', async () => {
      const breakdowns = await ctx.insights({ dimensions: ['STATUS'], size: 2 });
      // soren (HIRED), fatima and kwame (WITHDRAWN) have no status among the two buckets; the
      // eleven prospects have no application.
      expectBreakdown(breakdowns, 'STATUS', {
        buckets: [same('ACTIVE', 20), same('REJECTED', 6)],
        otherCount: 3,
        missingCount: 11,
      });
      for (const bucket of breakdowns[0]?.buckets ?? []) {
        const result = await ctx.search({ filter: { statuses: [bucket.value] }, first: 1 });
        expect(result.totalCount, bucket.value).toBe(bucket.count);
      }
    });
  });
}
