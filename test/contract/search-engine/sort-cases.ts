import { describe, expect, it } from 'vitest';
import type { QueryNode } from '../../../src/search/query/ast';
import type { SearchSort } from '../../../src/search/search-types';
import type { HandleA } from '../../fixtures/search-dataset';
import type { ContractContext } from './harness';
import { prefix, term } from './query-ast';

/**
 * Sorting and pages over organization A (SEMANTICS.md "Sorting and pages"). The orders below
 * were written from search-dataset-org-a.ts by hand.
 */

/** Newest first. kenji and sam were updated at the same instant: kenji's id sorts first. */
const NEWEST_FIRST: readonly HandleA[] = [
  'jose', // 1 day
  'noah', // 2
  'zoe', // 3
  'tom', // 4
  'wei', // 5
  'priya', // 6
  'kenji', // 8, tie
  'sam', // 8, tie
  'jose2', // 10
  'raj', // 11
  'liam', // 12
  'laura', // 13
  'aisha', // 15
  'marco', // 18
  'francois', // 20
  'alex', // 22
  'olivia', // 25
  'julia', // 27
  'amara', // 30
  'nina', // 33
  'david', // 35
  'ivan', // 40
  'hans', // 45
  'kwame', // 55
  'morgan', // 60
  'elena', // 75
  'lucas', // 85
  'omar', // 95
  'grace', // 120
  'mei', // 150
  'lena', // 160
  'soren', // 200
  'fatima', // 250
  'pedro', // 300
  'hannah', // 380
  'emma', // 400
  'ana', // 500
  'sofia', // 700
  'priya2', // 800
  'yuki', // 1000
];

/** Oldest first: ties still by id ascending, so kenji stays before sam. */
const OLDEST_FIRST: readonly HandleA[] = [
  'yuki',
  'priya2',
  'sofia',
  'ana',
  'emma',
  'hannah',
  'pedro',
  'fatima',
  'soren',
  'lena',
  'mei',
  'grace',
  'omar',
  'lucas',
  'elena',
  'morgan',
  'kwame',
  'hans',
  'ivan',
  'david',
  'nina',
  'amara',
  'julia',
  'olivia',
  'alex',
  'francois',
  'marco',
  'aisha',
  'laura',
  'liam',
  'raj',
  'jose2',
  'kenji',
  'sam',
  'priya',
  'wei',
  'tom',
  'zoe',
  'noah',
  'jose',
];

/**
 * By folded full name ("josé álvarez" → "jose alvarez"). The two Priya Sharmas tie: priya's id
 * sorts first. "søren" keeps its ø and still sorts after "sofia" and before "tom".
 */
const BY_NAME: readonly HandleA[] = [
  'aisha', // aisha rahman
  'alex', // alex martin
  'amara', // amara nwosu
  'ana', // ana costa
  'david', // david cohen
  'elena', // elena popescu
  'emma', // emma johansson
  'fatima', // fatima zahra
  'francois', // francois dubois
  'grace', // grace kim
  'hannah', // hannah schulz
  'hans', // hans mueller
  'ivan', // ivan petrov
  'jose', // jose alvarez
  'jose2', // jose ramirez
  'julia', // julia novak
  'kenji', // kenji tanaka
  'kwame', // kwame mensah
  'laura', // laura schmidt
  'lena', // lena fischer
  'liam', // liam o'brien
  'lucas', // lucas silva
  'marco', // marco rossi
  'mei', // mei lin
  'morgan', // morgan lee
  'nina', // nina kowalska
  'noah', // noah williams
  'olivia', // olivia brown
  'omar', // omar haddad
  'pedro', // pedro gomez
  'priya', // priya sharma, tie
  'priya2', // priya sharma, tie
  'raj', // raj patel
  'sam', // samuel adeyemi
  'sofia', // sofia hernandez
  'soren', // søren nielsen
  'tom', // tom becker
  'wei', // wei chen
  'yuki', // yuki sato
  'zoe', // zoe muller
];

/** Descending by name; the tie stays id ascending. */
const BY_NAME_DESC: readonly HandleA[] = [
  ...BY_NAME.slice(32).reverse(),
  'priya',
  'priya2',
  ...BY_NAME.slice(0, 30).reverse(),
];

interface SortCase {
  name: string;
  sort: SearchSort;
  expected: readonly HandleA[];
}

const SORT_CASES: SortCase[] = [
  {
    name: 'LAST_UPDATED DESC',
    sort: { field: 'LAST_UPDATED', direction: 'DESC' },
    expected: NEWEST_FIRST,
  },
  {
    name: 'LAST_UPDATED ASC',
    sort: { field: 'LAST_UPDATED', direction: 'ASC' },
    expected: OLDEST_FIRST,
  },
  { name: 'NAME ASC', sort: { field: 'NAME', direction: 'ASC' }, expected: BY_NAME },
  { name: 'NAME DESC', sort: { field: 'NAME', direction: 'DESC' }, expected: BY_NAME_DESC },
  // Without a query, RELEVANCE is LAST_UPDATED DESC.
  {
    name: 'RELEVANCE without a query',
    sort: { field: 'RELEVANCE', direction: 'DESC' },
    expected: NEWEST_FIRST,
  },
];

/** Walks every page of `first` hits, each page starting after the previous page's last hit. */
async function walk(
  ctx: ContractContext,
  query: QueryNode | null,
  sort: SearchSort,
  first: number,
): Promise<string[]> {
  const seen: string[] = [];
  let after: { sortValue: number | string | null; id: string } | null = null;
  for (let page = 0; page < 50; page++) {
    const result = await ctx.search({ query, sort, first, after });
    expect(result.hits.length).toBeLessThanOrEqual(first);
    seen.push(...ctx.handles(result));
    const last = result.hits.at(-1);
    if (!result.hasNextPage) return seen;
    expect(last, 'a page with a next page has hits').toBeDefined();
    after = { sortValue: last!.sortValue, id: last!.id };
  }
  throw new Error('more than 50 pages');
}

export function sortCases(ctx: ContractContext): void {
  describe('sorting', () => {
    it('the written orders cover organization A exactly once', () => {
      for (const order of [NEWEST_FIRST, OLDEST_FIRST, BY_NAME, BY_NAME_DESC]) {
        expect(order).toHaveLength(40);
        expect(new Set(order).size).toBe(40);
      }
      expect(OLDEST_FIRST.slice(32, 34)).toEqual(['kenji', 'sam']);
    });

    it.each(SORT_CASES)('$name', async ({ sort, expected }) => {
      const result = await ctx.search({ sort });
      expect(ctx.handles(result)).toEqual(expected);
      expect(result.totalCount).toBe(40);
    });

    it.each(SORT_CASES)(
      'pages of 7 visit every candidate once, in order: $name',
      async ({ sort, expected }) => {
        expect(await walk(ctx, null, sort, 7)).toEqual(expected);
      },
    );

    it('NAME ASC within a query', async () => {
      const result = await ctx.search({
        query: term('kubernetes'),
        sort: { field: 'NAME', direction: 'ASC' },
      });
      expect(ctx.handles(result)).toEqual([
        'amara',
        'emma',
        'jose',
        'kenji',
        'lena',
        'noah',
        'raj',
        'sam',
        'soren',
      ]);
    });

    it('RELEVANCE: a title match outranks a resume-only match', async () => {
      // omar: title "Solutions Architect"; hannah: "architect" only in her resume.
      const order = ctx.handles(await ctx.search({ query: term('architect') }));
      expect(order.indexOf('omar')).toBeGreaterThanOrEqual(0);
      expect(order.indexOf('omar')).toBeLessThan(order.indexOf('hannah'));
    });

    it('RELEVANCE: a name match outranks a resume-only match', async () => {
      // lena: named Fischer; tom: "Dr. Fischer" in his resume.
      expect(ctx.handles(await ctx.search({ query: term('fischer') }))).toEqual(['lena', 'tom']);
    });

    it('RELEVANCE pages of 7 visit every match once, in the order of one big page', async () => {
      const query = prefix('engineer');
      const sort: SearchSort = { field: 'RELEVANCE', direction: 'DESC' };
      const onePage = ctx.handles(await ctx.search({ query, sort }));
      expect(onePage).toHaveLength(34);
      expect(await walk(ctx, query, sort, 7)).toEqual(onePage);
    });

    it('RELEVANCE with a filter keeps the order of the matches the filter keeps, page by page', async () => {
      const query = prefix('engineer');
      const sort: SearchSort = { field: 'RELEVANCE', direction: 'DESC' };
      const unfiltered = ctx.handles(await ctx.search({ query, sort }));
      const filter = { stages: ['Onsite', 'Offer'] };
      const filtered = ctx.handles(await ctx.search({ query, sort, filter }));
      expect(filtered.length).toBeGreaterThan(1);
      expect(filtered.length).toBeLessThan(unfiltered.length);
      expect(filtered).toEqual(unfiltered.filter((handle) => filtered.includes(handle)));
      const pages: string[] = [];
      let after: { sortValue: number | string | null; id: string } | null = null;
      for (;;) {
        const page = await ctx.search({ query, sort, filter, first: 2, after });
        pages.push(...ctx.handles(page));
        const last = page.hits.at(-1);
        if (!page.hasNextPage || !last) break;
        after = { sortValue: last.sortValue, id: last.id };
      }
      expect(pages).toEqual(filtered);
    });

    it('reports hasNextPage and the total on every page', async () => {
      const sort: SearchSort = { field: 'LAST_UPDATED', direction: 'DESC' };
      const firstPage = await ctx.search({ sort, first: 7 });
      expect(ctx.handles(firstPage)).toEqual(NEWEST_FIRST.slice(0, 7));
      expect(firstPage).toMatchObject({ totalCount: 40, hasNextPage: true });
      // Starts after kenji, whose sort value sam shares.
      const kenji = firstPage.hits.at(-1)!;
      const lastPage = await ctx.search({
        sort,
        first: 33,
        after: { sortValue: kenji.sortValue, id: kenji.id },
      });
      expect(ctx.handles(lastPage)).toEqual(NEWEST_FIRST.slice(7));
      expect(lastPage).toMatchObject({ totalCount: 40, hasNextPage: false });
    });
  });
}
