import { describe, expect, it } from 'vitest';
import type { CandidateDocument } from '../../../src/search/candidate-document';
import type { SearchResult } from '../../../src/search/search-types';
import { fixtureUuid } from '../../fixtures/search-dataset';
import { expectBreakdown, expectFacet, same, v, type ContractContext } from './harness';
import { term } from './query-ast';

/**
 * Removal, idempotent indexing and replacement (SEMANTICS.md "Isolation and deletes"). These
 * tests change organization C only (A is re-indexed unchanged), and run in order: each leaves C
 * as the next one expects. Registered last.
 */
export function mutationCases(ctx: ContractContext): void {
  describe('removal and re-indexing', () => {
    const comparable = (result: SearchResult) => ({
      handles: ctx.handles(result),
      totalCount: result.totalCount,
      facets: [...result.facets].sort((a, b) => a.field.localeCompare(b.field)),
    });

    it('remove() takes a candidate out of search, facets, insights and lookup at once', async () => {
      const d = ctx.data;
      ctx.expectMatches(await ctx.search({ org: 'C', query: term('ada') }), ['cAda']);

      await ctx.engine.remove(d.org.C, [d.id('cAda')]);

      expect(await ctx.engine.count(d.org.C)).toBe(3);
      ctx.expectMatches(await ctx.search({ org: 'C', query: term('ada') }), []);
      const rest = await ctx.search({ org: 'C', facets: ['STAGE', 'SOURCE', 'CONNECTION'] });
      ctx.expectMatches(rest, ['cAlan', 'cHopper', 'cLinus']);
      // ada's Onsite application and her Referral are gone.
      expectFacet(rest, 'STAGE', [v('offer', 'Offer', 1)]);
      expectFacet(rest, 'SOURCE', [
        v('agency', 'Agency', 1),
        v('linkedin', 'LinkedIn', 1),
        v('referral', 'Referral', 1),
      ]);
      expectFacet(rest, 'CONNECTION', [same(d.connection('C2'), 2), same(d.connection('C1'), 1)]);
      const insights = await ctx.insights({ org: 'C', dimensions: ['LOCATION'], size: 5 });
      expectBreakdown(insights, 'LOCATION', {
        buckets: [
          v('manchester, united kingdom', 'Manchester, United Kingdom', 1),
          v('new york, united states', 'New York, United States', 1),
          v('portland, united states', 'Portland, United States', 1),
        ],
        otherCount: 0,
        missingCount: 0,
      });
      const answers = await ctx.lookup(
        [{ linkedinUrl: 'linkedin.com/in/ada-lovelace' }, { email: 'ada@engines.io' }],
        'C',
      );
      expect(answers).toEqual([[], []]);

      await ctx.engine.index([d.doc('cAda')]);
      expect(await ctx.engine.count(d.org.C)).toBe(4);
      ctx.expectMatches(await ctx.search({ org: 'C', query: term('ada') }), ['cAda']);
    });

    it('ignores unknown ids and ids of another organization', async () => {
      const d = ctx.data;
      await ctx.engine.remove(d.org.C, [fixtureUuid(d.run, 'candidate', 999)]);
      await ctx.engine.remove(d.org.C, [d.id('jose')]);
      await ctx.engine.removeConnection(d.org.C, d.connection('A1'));
      expect(await ctx.engine.count(d.org.C)).toBe(4);
      expect(await ctx.engine.count(d.org.A)).toBe(40);
      ctx.expectMatches(await ctx.search({ query: term('jose') }), ['jose', 'jose2']);
    });

    it('indexing the same documents again changes nothing', async () => {
      const d = ctx.data;
      const searchC = () =>
        ctx.search({
          org: 'C',
          facets: ['SOURCE', 'STAGE', 'CONNECTION', 'LAST_UPDATED'],
          sort: { field: 'NAME', direction: 'ASC' },
        });
      const searchA = () =>
        ctx.search({ query: term('python'), facets: ['SKILL', 'STAGE', 'JOB'] });
      const beforeC = comparable(await searchC());
      const beforeA = comparable(await searchA());

      await ctx.engine.index(d.documents.C);
      await ctx.engine.index(d.documents.C);
      await ctx.engine.index(d.documents.A);

      expect(await ctx.engine.count(d.org.C)).toBe(4);
      expect(await ctx.engine.count(d.org.A)).toBe(40);
      expect(comparable(await searchC())).toEqual(beforeC);
      expect(comparable(await searchA())).toEqual(beforeA);
      expect(beforeC.handles).toEqual(['cAda', 'cAlan', 'cHopper', 'cLinus']);
      expect(beforeA.totalCount).toBe(16);
    });

    it('indexing a changed document replaces the old one everywhere', async () => {
      const d = ctx.data;
      const original = d.doc('cAda');
      const changed: CandidateDocument = {
        ...original,
        currentTitle: 'Engineering Manager',
        skills: ['Rust'],
        emails: ['ada@analytical.io'],
        applications: original.applications.map((a) => ({ ...a, stage: 'Offer' })),
      };
      await ctx.engine.index([changed]);

      expect(await ctx.engine.count(d.org.C)).toBe(4);
      ctx.expectMatches(await ctx.search({ org: 'C', query: term('staff', 'title') }), [
        'cAlan',
        'cLinus',
      ]);
      ctx.expectMatches(await ctx.search({ org: 'C', query: term('rust', 'skill') }), ['cAda']);
      ctx.expectMatches(await ctx.search({ org: 'C', query: term('python', 'skill') }), ['cAlan']);
      const stages = await ctx.search({ org: 'C', facets: ['STAGE'] });
      expectFacet(stages, 'STAGE', [v('offer', 'Offer', 2)]);
      const answers = await ctx.lookup(
        [
          { email: 'ada@engines.io' },
          { email: 'ada@analytical.io' },
          { name: 'Ada Lovelace', company: 'Analytical Engines', title: 'Engineering Manager' },
        ],
        'C',
      );
      expect(answers.map((a) => ctx.matches(a))).toEqual([
        [],
        [['cAda', 'EMAIL', 0.9]],
        [['cAda', 'NAME_COMPANY_TITLE', 0.85]],
      ]);

      await ctx.engine.index([original]);
      ctx.expectMatches(await ctx.search({ org: 'C', query: term('staff', 'title') }), [
        'cAda',
        'cAlan',
        'cLinus',
      ]);
      expectFacet(await ctx.search({ org: 'C', facets: ['STAGE'] }), 'STAGE', [
        v('offer', 'Offer', 1),
        v('onsite', 'Onsite', 1),
      ]);
    });

    it('a renamed job or recruiter shows its new name; a value spelled anew keeps its first spelling', async () => {
      const d = ctx.data;
      const original = d.doc('cAda');
      const job = original.applications[0]?.jobId;
      expect(job, 'cAda has an application with a job').toBeTruthy();
      expect(original.recruiterId, 'cAda has a recruiter').toBeTruthy();
      const renamed: CandidateDocument = {
        ...original,
        recruiterName: 'Renamed Recruiter',
        skills: original.skills.map((skill) => skill.toUpperCase()),
        applications: original.applications.map((a) =>
          a.jobId === job ? { ...a, jobTitle: 'Renamed Job Title' } : a,
        ),
      };
      await ctx.engine.index([renamed]);
      const labelOf = async (facet: 'JOB' | 'RECRUITER' | 'SKILL', value: string) => {
        const result = await ctx.search({ org: 'C', facets: [facet], facetSize: 50 });
        return result.facets.find((f) => f.field === facet)?.values.find((x) => x.value === value)
          ?.label;
      };
      expect(await labelOf('JOB', job!)).toBe('Renamed Job Title');
      expect(await labelOf('RECRUITER', original.recruiterId!)).toBe('Renamed Recruiter');
      const skill = original.skills[0]!;
      expect(await labelOf('SKILL', skill.toLowerCase())).toBe(skill);

      await ctx.engine.index([original]);
      expect(await labelOf('JOB', job!)).toBe(
        original.applications.find((a) => a.jobId === job)?.jobTitle,
      );
    });

    it('keeps a page cursor stable while a document is added before it', async () => {
      const d = ctx.data;
      const sort = { field: 'LAST_UPDATED', direction: 'DESC' } as const;
      const firstPage = await ctx.search({ org: 'C', sort, first: 2 });
      expect(ctx.handles(firstPage)).toEqual(['cAda', 'cAlan']);
      expect(firstPage.hasNextPage).toBe(true);

      // Updated now: it sorts before everything already seen.
      await ctx.engine.index([d.doc('cLatecomer')]);
      const last = firstPage.hits.at(-1)!;
      const nextPage = await ctx.search({
        org: 'C',
        sort,
        first: 10,
        after: { sortValue: last.sortValue, id: last.id },
      });
      expect(ctx.handles(nextPage)).toEqual(['cHopper', 'cLinus']);
      expect(nextPage).toMatchObject({ totalCount: 5, hasNextPage: false });

      await ctx.engine.remove(d.org.C, [d.id('cLatecomer')]);
      expect(await ctx.engine.count(d.org.C)).toBe(4);
    });

    it('removeConnection() removes every document of that connection, and only those', async () => {
      const d = ctx.data;
      await ctx.engine.removeConnection(d.org.C, d.connection('C2'));

      expect(await ctx.engine.count(d.org.C)).toBe(2);
      expect(await ctx.engine.count(d.org.A)).toBe(40);
      expect(await ctx.engine.count(d.org.B)).toBe(10);
      const rest = await ctx.search({ org: 'C', facets: ['CONNECTION'] });
      ctx.expectMatches(rest, ['cAda', 'cAlan']);
      expectFacet(rest, 'CONNECTION', [same(d.connection('C1'), 2)]);
      ctx.expectMatches(await ctx.search({ org: 'C', query: term('linus') }), []);
      const [hopper] = await ctx.lookup([{ githubUrl: 'https://github.com/ghopper' }], 'C');
      expect(hopper).toEqual([]);
      const insights = await ctx.insights({ org: 'C', dimensions: ['LOCATION'], size: 5 });
      expectBreakdown(insights, 'LOCATION', {
        buckets: [
          v('london, united kingdom', 'London, United Kingdom', 1),
          v('manchester, united kingdom', 'Manchester, United Kingdom', 1),
        ],
        otherCount: 0,
        missingCount: 0,
      });
    });
  });
}
