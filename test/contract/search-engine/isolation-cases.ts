import { describe, expect, it } from 'vitest';
import { expectBreakdown, expectFacet, v, type ContractContext } from './harness';
import { and, term } from './query-ast';

/**
 * Organization isolation (SEMANTICS.md "Isolation and deletes"). B holds look-alikes of A's
 * candidates, a copy of jose, and a job with the same id as A's platform job; asking as one
 * organization never returns, counts or looks up the other's candidates.
 */
export function isolationCases(ctx: ContractContext): void {
  describe('organization isolation', () => {
    it('counts each organization separately', async () => {
      const d = ctx.data;
      expect(await ctx.engine.count(d.org.A)).toBe(40);
      expect(await ctx.engine.count(d.org.B)).toBe(10);
      expect(await ctx.engine.count(d.org.C)).toBe(4);
    });

    it("searches only the asking organization's candidates", async () => {
      ctx.expectMatches(await ctx.search({ query: term('quokka') }), []);
      ctx.expectMatches(await ctx.search({ org: 'B', query: term('quokka') }), ['bTariq']);
      ctx.expectMatches(await ctx.search({ org: 'B', query: term('jose') }), ['bJose']);
      ctx.expectMatches(await ctx.search({ org: 'B', query: term('muller') }), ['bZoe']);
      ctx.expectMatches(await ctx.search({ org: 'B', query: term('python') }), [
        'bJose',
        'bZoe',
        'bKai',
        'bMia',
        'bTariq',
        'bRavi',
        'bNoor',
      ]);
      ctx.expectMatches(await ctx.search({ org: 'B' }), [
        'bJose',
        'bZoe',
        'bKai',
        'bMia',
        'bLars',
        'bIngrid',
        'bTariq',
        'bRavi',
        'bNoor',
        'bGreta',
      ]);
      ctx.expectMatches(await ctx.search({ org: 'C', query: and(term('staff'), term('python')) }), [
        'cAda',
        'cAlan',
      ]);
    });

    it("never matches another organization's ids in filters", async () => {
      const d = ctx.data;
      // The same job id in both organizations: each sees its own applications only.
      ctx.expectMatches(await ctx.search({ org: 'B', filter: { jobIds: [d.job('platform')] } }), [
        'bJose',
        'bKai',
        'bRavi',
      ]);
      ctx.expectMatches(await ctx.search({ filter: { recruiterIds: [d.recruiter('maria')] } }), []);
      ctx.expectMatches(
        await ctx.search({ org: 'B', filter: { recruiterIds: [d.recruiter('anna')] } }),
        [],
      );
      ctx.expectMatches(
        await ctx.search({ org: 'B', filter: { connectionIds: [d.connection('A1')] } }),
        [],
      );
    });

    it("counts facets over the organization's own candidates, with its own labels", async () => {
      const d = ctx.data;
      const result = await ctx.search({ org: 'B', facets: ['JOB', 'STAGE', 'SOURCE'] });
      // B calls the shared job id "Backend Engineer"; A calls it "Staff Platform Engineer".
      expectFacet(result, 'JOB', [
        v(d.job('platform'), 'Backend Engineer', 3),
        v(d.job('bMl'), 'ML Engineer', 3),
      ]);
      expectFacet(result, 'STAGE', [
        v('onsite', 'Onsite', 2),
        v('phone screen', 'Phone Screen', 2),
        v('application review', 'Application Review', 1),
        v('offer', 'Offer', 1),
      ]);
      expectFacet(result, 'SOURCE', [
        v('linkedin', 'LinkedIn', 4),
        v('referral', 'Referral', 3),
        v('agency', 'Agency', 1),
        v('career site', 'Career Site', 1),
        v('job board', 'Job Board', 1),
      ]);
    });

    it("aggregates insights over the organization's own candidates", async () => {
      const breakdowns = await ctx.insights({ org: 'B', dimensions: ['LOCATION'], size: 2 });
      expectBreakdown(breakdowns, 'LOCATION', {
        buckets: [
          v('paris, france', 'Paris, France', 2),
          v('stockholm, sweden', 'Stockholm, Sweden', 2),
        ],
        otherCount: 6,
        missingCount: 0,
      });
    });

    it("looks up only the organization's own candidates", async () => {
      const jose = {
        linkedinUrl: 'https://www.linkedin.com/in/jose-alvarez/',
        email: 'jose.alvarez@gmail.com',
      };
      const [asA] = await ctx.lookup([jose], 'A');
      const [asB] = await ctx.lookup([jose], 'B');
      expect(ctx.matches(asA!)).toEqual([['jose', 'LINKEDIN_URL', 1]]);
      expect(ctx.matches(asB!)).toEqual([['bJose', 'LINKEDIN_URL', 1]]);

      const byName = { name: 'José Álvarez', company: 'Stripe', title: 'Staff Engineer' };
      const [nameAsB] = await ctx.lookup([byName], 'B');
      expect(ctx.matches(nameAsB!)).toEqual([['bJose', 'NAME_COMPANY_TITLE', 0.85]]);

      const [priyaAsB] = await ctx.lookup([{ email: 'priya.sharma@gmail.com' }], 'B');
      expect(priyaAsB).toEqual([]);
    });
  });
}
