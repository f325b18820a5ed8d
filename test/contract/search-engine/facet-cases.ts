import { describe, expect, it } from 'vitest';
import { term } from './query-ast';
import { expectFacet, facetFields, PYTHON_LABELS, same, v, type ContractContext } from './harness';

/**
 * Facet counts over organization A (SEMANTICS.md "Facets"): candidates, not applications;
 * multi-select (a facet ignores its own filter); application facets follow the
 * same-application rule; count descending then value ascending; selected values always shown.
 * Counted by hand from search-dataset-org-a.ts.
 */
export function facetCases(ctx: ContractContext): void {
  describe('facets', () => {
    it('counts SOURCE over every candidate, ties by value', async () => {
      const result = await ctx.search({ facets: ['SOURCE'] });
      // lena has no source.
      expectFacet(result, 'SOURCE', [
        v('linkedin', 'LinkedIn', 11),
        v('referral', 'Referral', 10),
        v('agency', 'Agency', 6),
        v('career site', 'Career Site', 6),
        v('job board', 'Job Board', 6),
      ]);
    });

    it('RECRUITER, TITLE, DEGREE and SCHOOL with a small facetSize', async () => {
      const d = ctx.data;
      const result = await ctx.search({
        facets: ['RECRUITER', 'TITLE', 'DEGREE', 'SCHOOL'],
        facetSize: 2,
      });
      // anna 14, ben 12, chloe 11 (three without a recruiter).
      expectFacet(result, 'RECRUITER', [
        v(d.recruiter('anna'), 'Anna Lindqvist', 14),
        v(d.recruiter('ben'), 'Ben Carter', 12),
      ]);
      // Engineering Manager 5; Senior Data Engineer 4 and Staff Engineer 4 tie.
      expectFacet(result, 'TITLE', [
        v('engineering manager', 'Engineering Manager', 5),
        v('senior data engineer', 'Senior Data Engineer', 4),
      ]);
      expectFacet(result, 'DEGREE', [v('bsc', 'BSc', 6), v('msc', 'MSc', 5)]);
      // The value is folded, the label keeps the accents.
      expectFacet(result, 'SCHOOL', [
        v('stanford university', 'Stanford University', 2),
        v('technische universitat munchen', 'Technische Universität München', 2),
      ]);
    });

    it('each facet ignores its own filter and applies the others (multi-select)', async () => {
      const d = ctx.data;
      const result = await ctx.search({
        filter: { sources: ['Referral'], recruiterIds: [d.recruiter('anna')] },
        facets: ['SOURCE', 'RECRUITER', 'STAGE'],
      });
      // Referral and anna: jose and priya.
      ctx.expectMatches(result, ['jose', 'priya']);
      // anna's 14 candidates by source.
      expectFacet(result, 'SOURCE', [
        v('linkedin', 'LinkedIn', 10),
        v('referral', 'Referral', 2),
        v('agency', 'Agency', 1),
        v('job board', 'Job Board', 1),
      ]);
      // The 10 referrals by recruiter; anna and ben tie at 2 (anna's id sorts first).
      expectFacet(result, 'RECRUITER', [
        v(d.recruiter('chloe'), 'Chloé Durand', 6),
        v(d.recruiter('anna'), 'Anna Lindqvist', 2),
        v(d.recruiter('ben'), 'Ben Carter', 2),
      ]);
      // jose: platform at Onsite; priya: platform at Onsite and data at Phone Screen.
      expectFacet(result, 'STAGE', [
        v('onsite', 'Onsite', 2),
        v('phone screen', 'Phone Screen', 1),
      ]);
    });

    it('counts application facets on the applications that pass the other application filters', async () => {
      const d = ctx.data;
      const result = await ctx.search({
        filter: { jobIds: [d.job('data')] },
        facets: ['STAGE', 'JOB', 'REJECTION_REASON'],
      });
      expect(result.totalCount).toBe(9);
      // Only the nine data applications: priya's and ivan's platform Onsite are not counted.
      expectFacet(result, 'STAGE', [
        v('phone screen', 'Phone Screen', 3),
        v('application review', 'Application Review', 2),
        v('offer', 'Offer', 2),
        v('onsite', 'Onsite', 2),
      ]);
      // JOB ignores its own filter: every application of organization A (not B's platform ones).
      expectFacet(result, 'JOB', [
        v(d.job('platform'), 'Staff Platform Engineer', 13),
        v(d.job('data'), 'Senior Data Engineer', 9),
        v(d.job('manager'), 'Engineering Manager, Payments', 4),
        v(d.job('ml'), 'Machine Learning Engineer', 3),
        v(d.job('intern'), 'Software Engineering Intern', 3),
      ]);
      // lucas and nina (Compensation), mei (Not a fit), kwame (Withdrew); ivan withdrew from platform.
      expectFacet(result, 'REJECTION_REASON', [
        v('compensation', 'Compensation', 2),
        v('not a fit', 'Not a fit', 1),
        v('withdrew', 'Withdrew', 1),
      ]);
    });

    it('counts JOB on the applications at the selected stage', async () => {
      const d = ctx.data;
      const result = await ctx.search({ filter: { stages: ['Onsite'] }, facets: ['JOB'] });
      // Onsite: platform (jose, priya, ivan, noah), data (lucas, liam), ml, manager, intern.
      expectFacet(result, 'JOB', [
        v(d.job('platform'), 'Staff Platform Engineer', 4),
        v(d.job('data'), 'Senior Data Engineer', 2),
        v(d.job('ml'), 'Machine Learning Engineer', 1),
        v(d.job('manager'), 'Engineering Manager, Payments', 1),
        v(d.job('intern'), 'Software Engineering Intern', 1),
      ]);
    });

    it('counts STAGE over the other filters while a stage is selected', async () => {
      const d = ctx.data;
      const result = await ctx.search({
        filter: { stages: ['Offer'], recruiterIds: [d.recruiter('ben')] },
        facets: ['STAGE', 'RECRUITER'],
      });
      ctx.expectMatches(result, ['wei']);
      // ben's candidates; ivan counts for Application Review and Onsite.
      expectFacet(result, 'STAGE', [
        v('application review', 'Application Review', 5),
        v('onsite', 'Onsite', 3),
        v('phone screen', 'Phone Screen', 2),
        v('offer', 'Offer', 1),
      ]);
      // The seven candidates at Offer.
      expectFacet(result, 'RECRUITER', [
        v(d.recruiter('anna'), 'Anna Lindqvist', 3),
        v(d.recruiter('chloe'), 'Chloé Durand', 3),
        v(d.recruiter('ben'), 'Ben Carter', 1),
      ]);
    });

    it('adds selected values that fell outside the top values, with their counts', async () => {
      const result = await ctx.search({
        filter: { skills: ['Python', 'Go'], locations: ['Berlin, Germany', 'Stockholm, Sweden'] },
        facets: ['SKILL', 'LOCATION', 'COMPANY'],
        facetSize: 3,
      });
      // Berlin or Stockholm, with python or go: zoe, ivan, emma.
      ctx.expectMatches(result, ['zoe', 'ivan', 'emma']);
      // Over zoe, morgan, ivan, emma, julia: python (zoe only) is selected and appended.
      expectFacet(result, 'SKILL', [
        v('go', 'Go', 2),
        v('kafka', 'Kafka', 2),
        v('scala', 'Scala', 2),
        v('python', PYTHON_LABELS, 1),
      ]);
      // Over the 23 with python or go: Stockholm (emma) is selected and appended.
      expectFacet(result, 'LOCATION', [
        v('bengaluru, india', 'Bengaluru, India', 2),
        v('berlin, germany', 'Berlin, Germany', 2),
        v('new york, united states', 'New York, United States', 2),
        v('stockholm, sweden', 'Stockholm, Sweden', 1),
      ]);
      expectFacet(result, 'COMPANY', [
        v('klarna', 'Klarna', 1),
        v('n26', 'N26', 1),
        v('zalando', 'Zalando', 1),
      ]);
    });

    it('shows a selected value outside the top values even with facetSize 1', async () => {
      const result = await ctx.search({
        filter: { skills: ['Rust'] },
        facets: ['SKILL'],
        facetSize: 1,
      });
      ctx.expectMatches(result, ['noah']);
      expectFacet(result, 'SKILL', [v('python', PYTHON_LABELS, 16), v('rust', 'Rust', 1)]);
    });

    it('shows a selected value no candidate has, with count 0', async () => {
      const result = await ctx.search({
        filter: { locations: ['Atlantis'] },
        facets: ['LOCATION'],
        facetSize: 1,
      });
      expect(result.totalCount).toBe(0);
      // The label of a value no candidate has is not specified.
      expectFacet(result, 'LOCATION', [
        v('berlin, germany', 'Berlin, Germany', 3),
        v('atlantis', null, 0),
      ]);
    });

    it('leaves out facets without values', async () => {
      const prospects = await ctx.search({
        filter: { kinds: ['PROSPECT'] },
        facets: ['STAGE', 'JOB', 'REJECTION_REASON', 'SOURCE'],
      });
      expect(facetFields(prospects)).toEqual(['SOURCE']);
      // lena has no source.
      expectFacet(prospects, 'SOURCE', [
        v('agency', 'Agency', 3),
        v('job board', 'Job Board', 3),
        v('linkedin', 'LinkedIn', 3),
        v('career site', 'Career Site', 1),
      ]);

      // zoe: no rejection reason.
      const zoe = await ctx.search({
        query: term('flink'),
        facets: ['REJECTION_REASON', 'SCHOOL', 'RECRUITER'],
      });
      expect(facetFields(zoe)).toEqual(['RECRUITER', 'SCHOOL']);
      expectFacet(zoe, 'SCHOOL', [
        v('technische universitat munchen', 'Technische Universität München', 1),
      ]);
      expectFacet(zoe, 'RECRUITER', [v(ctx.data.recruiter('anna'), 'Anna Lindqvist', 1)]);
    });

    it('CONNECTION: connection ids, labelled with the id', async () => {
      const d = ctx.data;
      const result = await ctx.search({ filter: { kinds: ['PROSPECT'] }, facets: ['CONNECTION'] });
      expectFacet(result, 'CONNECTION', [same(d.connection('A1'), 7), same(d.connection('A2'), 4)]);
    });

    it('LAST_UPDATED: cumulative ranges in fixed order, empty ones left out', async () => {
      const result = await ctx.search({ facets: ['LAST_UPDATED'] });
      expectFacet(result, 'LAST_UPDATED', [
        same('LAST_7_DAYS', 6),
        same('LAST_30_DAYS', 19),
        same('LAST_90_DAYS', 27),
        same('LAST_365_DAYS', 34),
        same('OLDER', 6),
      ]);
    });

    it('LAST_UPDATED ignores its own filter and keeps the others', async () => {
      const result = await ctx.search({
        filter: { lastUpdatedRanges: ['OLDER'], sources: ['Agency'] },
        facets: ['LAST_UPDATED', 'SOURCE'],
      });
      ctx.expectMatches(result, ['sofia', 'yuki', 'priya2']);
      // Agency: kenji 8 days, amara 30, pedro 300, sofia 700, priya2 800, yuki 1000.
      expectFacet(result, 'LAST_UPDATED', [
        same('LAST_30_DAYS', 2),
        same('LAST_90_DAYS', 2),
        same('LAST_365_DAYS', 3),
        same('OLDER', 3),
      ]);
      // OLDER: hannah, emma, ana, sofia, priya2, yuki.
      expectFacet(result, 'SOURCE', [
        v('agency', 'Agency', 3),
        v('career site', 'Career Site', 1),
        v('job board', 'Job Board', 1),
        v('linkedin', 'LinkedIn', 1),
      ]);
    });

    it('LAST_UPDATED keeps a selected range with count 0', async () => {
      const result = await ctx.search({
        filter: { lastUpdatedRanges: ['LAST_7_DAYS'], kinds: ['PROSPECT'] },
        facets: ['LAST_UPDATED'],
      });
      expect(result.totalCount).toBe(0);
      // Prospects: marco 18 days, hans 45, omar 95, grace 120, lena 160, six older than a year.
      expectFacet(result, 'LAST_UPDATED', [
        same('LAST_7_DAYS', 0),
        same('LAST_30_DAYS', 1),
        same('LAST_90_DAYS', 2),
        same('LAST_365_DAYS', 5),
        same('OLDER', 6),
      ]);
    });

    it('YEARS_OF_EXPERIENCE: fixed-order buckets; a selected empty bucket stays', async () => {
      const d = ctx.data;
      const all = await ctx.search({ facets: ['YEARS_OF_EXPERIENCE'] });
      // yuki and elena have no years.
      expectFacet(all, 'YEARS_OF_EXPERIENCE', [
        same('0-2', 3),
        same('2-5', 6),
        same('5-10', 16),
        same('10-15', 8),
        same('15-20', 4),
        same('20+', 1),
      ]);

      const a2 = await ctx.search({
        filter: { connectionIds: [d.connection('A2')], yearsOfExperienceBuckets: ['20+'] },
        facets: ['YEARS_OF_EXPERIENCE'],
      });
      expect(a2.totalCount).toBe(0);
      // A2: laura 1; priya2 4, hannah 3, lena 2; nina 8, raj 7, pedro 9, kwame 5; sam 11,
      // omar 12; alex 17, julia 15.
      expectFacet(a2, 'YEARS_OF_EXPERIENCE', [
        same('0-2', 1),
        same('2-5', 3),
        same('5-10', 4),
        same('10-15', 2),
        same('15-20', 2),
        same('20+', 0),
      ]);
    });

    it('computes no facets when none are asked for', async () => {
      const result = await ctx.search({ query: term('python') });
      expect(result.facets).toEqual([]);
    });
  });
}
