import { describe, expect, it } from 'vitest';
import type { Highlight } from '../../../src/search/search-types';
import type { HandleA } from '../../fixtures/search-dataset';
import type { ContractContext } from './harness';
import { and, not, or, phrase, term } from './query-ast';

/**
 * Highlights (search/highlight.ts, shared by both engines): the words that matched, marked in the
 * original spelling, in the fields the query's scope allows; resumes in fragments; nothing for
 * negated words or a search without words. The Elasticsearch engine fetches only the fields a
 * query can mark, so these cases also prove it fetches enough. Written by hand from
 * search-dataset-org-a.ts.
 */
export function highlightCases(ctx: ContractContext): void {
  describe('highlights', () => {
    async function highlightsOf(
      query: Parameters<ContractContext['search']>[0],
      handle: HandleA,
    ): Promise<Highlight[]> {
      const result = await ctx.search(query);
      const hit = result.hits.find((h) => ctx.data.handleOf(h.id) === handle);
      expect(hit, `${handle} among the hits`).toBeDefined();
      return hit!.highlights;
    }

    it('marks a folded word in its original spelling, wherever an unscoped word matched', async () => {
      expect(await highlightsOf({ query: term('JOSÉ') }, 'jose2')).toEqual([
        { field: 'fullName', snippets: ['<em>Jose</em> Ramírez'] },
      ]);
      expect(await highlightsOf({ query: term('stripe') }, 'jose')).toEqual([
        { field: 'currentCompany', snippets: ['<em>Stripe</em>'] },
        {
          field: 'resumeText',
          snippets: ['Designed the ledger reconciliation service at <em>Stripe</em>.'],
        },
      ]);
    });

    it('marks only the scoped fields, phrases whole, and never a negated word', async () => {
      expect(await highlightsOf({ query: term('go', 'skill') }, 'jose')).toEqual([
        { field: 'skills', snippets: ['<em>Go</em>'] },
      ]);
      expect(
        await highlightsOf(
          { query: and(phrase('staff engineer', 'title'), not(term('ruby'))) },
          'jose',
        ),
      ).toEqual([{ field: 'currentTitle', snippets: ['<em>Staff Engineer</em>'] }]);
      expect(
        await highlightsOf({ query: or(term('ledger', 'resume'), term('zzzz', 'resume')) }, 'jose'),
      ).toEqual([
        {
          field: 'resumeText',
          snippets: ['Designed the <em>ledger</em> reconciliation service at Stripe.'],
        },
      ]);
    });

    it('gives no highlights without words to mark', async () => {
      const all = await ctx.search({ filter: { companies: ['stripe'] } });
      expect(all.hits.length).toBeGreaterThan(0);
      expect(all.hits.flatMap((h) => h.highlights)).toEqual([]);
      const negated = await ctx.search({ query: not(term('python')) });
      expect(negated.hits.length).toBeGreaterThan(0);
      expect(negated.hits.flatMap((h) => h.highlights)).toEqual([]);
    });
  });
}
