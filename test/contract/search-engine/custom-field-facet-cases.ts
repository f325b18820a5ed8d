import { describe, expect, it } from 'vitest';
import type { CustomFieldFacetResult, SearchResult } from '../../../src/search/search-types';
import { expectValues, v, type ContractContext, type ExpectedValue } from './harness';
import { term } from './query-ast';

/** A custom field facet of the result (it must be present). */
function customFacet(result: SearchResult, key: string): CustomFieldFacetResult {
  const facet = result.customFieldFacets.find((f) => f.key === key);
  expect(facet, `custom field facet ${key}`).toBeDefined();
  return facet!;
}

function expectCustomFacet(
  result: SearchResult,
  key: string,
  expected: { label: string; values: readonly ExpectedValue[]; otherValueCount: number },
): void {
  const facet = customFacet(result, key);
  expect({ label: facet.label, otherValueCount: facet.otherValueCount }).toEqual({
    label: expected.label,
    otherValueCount: expected.otherValueCount,
  });
  expectValues(facet.values, expected.values);
}

const NEEDS = v('needs sponsorship', 'Needs sponsorship', 4);
const NOT_REQUIRED = v('not required', 'Not required', 2);

/**
 * Custom field facets over organization A (SEMANTICS.md "Facets"): each requested key is a
 * facet of its own with multi-select semantics (it ignores its own customFields entries and
 * keeps every other filter, other custom fields' included), counted and ranked like the other
 * facets, labelled with the field's name and each value's first spelling. Counted by hand from
 * search-dataset-org-a.ts: visa_status is "Needs sponsorship" for francois, priya, olivia and
 * raj, "Not required" for jose and zoe; notice_period 30 days (jose, francois, olivia),
 * 90 days (zoe, raj), 60 days (priya); work_authorization EU and UK (amara), UK (aisha).
 */
export function customFieldFacetCases(ctx: ContractContext): void {
  describe('custom field facets', () => {
    it('counts each requested field, in the order asked, with its name and spellings', async () => {
      const result = await ctx.search({
        customFieldFacets: ['work_authorization', 'visa_status'],
      });
      expect(result.customFieldFacets.map((f) => f.key)).toEqual([
        'work_authorization',
        'visa_status',
      ]);
      expectCustomFacet(result, 'visa_status', {
        label: 'Visa Status',
        values: [NEEDS, NOT_REQUIRED],
        otherValueCount: 0,
      });
      // amara has both values.
      expectCustomFacet(result, 'work_authorization', {
        label: 'Work Authorization',
        values: [v('uk', 'UK', 2), v('eu', 'EU', 1)],
        otherValueCount: 0,
      });
      // Not asked for, not counted.
      expect(result.facets).toEqual([]);
    });

    it('cuts at facetSize and says how many values were left out', async () => {
      const result = await ctx.search({ customFieldFacets: ['notice_period'], facetSize: 1 });
      expectCustomFacet(result, 'notice_period', {
        label: 'Notice Period',
        values: [v('30 days', '30 days', 3)],
        otherValueCount: 2,
      });
    });

    it('ignores its own filter and keeps the others, other custom fields included', async () => {
      const result = await ctx.search({
        filter: { customFields: [{ key: 'visa_status', values: ['needs SPONSORSHIP'] }] },
        customFieldFacets: ['visa_status', 'notice_period'],
        facets: ['SOURCE'],
      });
      ctx.expectMatches(result, ['francois', 'priya', 'olivia', 'raj']);
      expectCustomFacet(result, 'visa_status', {
        label: 'Visa Status',
        values: [NEEDS, NOT_REQUIRED],
        otherValueCount: 0,
      });
      expectCustomFacet(result, 'notice_period', {
        label: 'Notice Period',
        values: [
          v('30 days', '30 days', 2),
          v('60 days', '60 days', 1),
          v('90 days', '90 days', 1),
        ],
        otherValueCount: 0,
      });
      // The other facets keep the custom field filter.
      expect(result.facets[0]?.values.map((x) => [x.value, x.count])).toEqual([
        ['referral', 2],
        ['career site', 1],
        ['linkedin', 1],
      ]);
    });

    it('keeps the query text and the other filters', async () => {
      const referred = await ctx.search({
        filter: { sources: ['Referral'] },
        customFieldFacets: ['visa_status'],
      });
      // Referred: jose (not required), priya and raj (needs sponsorship); aisha has none.
      expectCustomFacet(referred, 'visa_status', {
        label: 'Visa Status',
        values: [
          v('needs sponsorship', 'Needs sponsorship', 2),
          v('not required', 'Not required', 1),
        ],
        otherValueCount: 0,
      });
      const kubernetes = await ctx.search({
        query: term('kubernetes', 'skill'),
        customFieldFacets: ['visa_status'],
      });
      // jose and raj list Kubernetes (so does amara, without a visa status).
      expectCustomFacet(kubernetes, 'visa_status', {
        label: 'Visa Status',
        values: [
          v('needs sponsorship', 'Needs sponsorship', 1),
          v('not required', 'Not required', 1),
        ],
        otherValueCount: 0,
      });
    });

    it('shows selected values nobody has, and leaves out fields without values', async () => {
      const result = await ctx.search({
        filter: { customFields: [{ key: 'visa_status', values: ['Martian'] }] },
        customFieldFacets: ['visa_status', 'shoe_size'],
      });
      expect(result.totalCount).toBe(0);
      expect(result.customFieldFacets.map((f) => f.key)).toEqual(['visa_status']);
      expectCustomFacet(result, 'visa_status', {
        label: 'Visa Status',
        values: [NEEDS, NOT_REQUIRED, v('martian', null, 0)],
        otherValueCount: 0,
      });

      const selectedUnknown = await ctx.search({
        filter: { customFields: [{ key: 'shoe_size', values: ['42'] }] },
        customFieldFacets: ['shoe_size'],
      });
      expect(selectedUnknown.customFieldFacets).toEqual([
        {
          key: 'shoe_size',
          label: 'shoe_size',
          values: [{ value: '42', label: '42', count: 0 }],
          otherValueCount: 0,
        },
      ]);
    });

    it("never counts another organization's custom fields", async () => {
      const result = await ctx.search({ org: 'B', customFieldFacets: ['visa_status'] });
      expect(result.customFieldFacets).toEqual([]);
    });
  });
}
