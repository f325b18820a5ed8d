import { describe, expect, it } from 'vitest';
import { VALUE_FILTER_KEYS } from '../../document-values';
import type { SearchRequest } from '../../search-types';
import { answerInsights, answerSearch, slotsOf } from './memory-search';
import { OrgIndex, type MemoryRow } from './org-index';

const NOW = new Date('2026-01-01T00:00:00Z');
const DAY = 86_400_000;

/** A candidate's doc number, kept across its versions as search_candidates.doc_no is. */
const docNoOf = (id: string): number => 1000 + id.charCodeAt(0);

function row(
  id: string,
  seq: number,
  values: Partial<MemoryRow['values']>,
  extra: Partial<MemoryRow> = {},
): MemoryRow {
  const all = Object.fromEntries(
    VALUE_FILTER_KEYS.map((k) => [
      k,
      values[k] ?? (k === 'skills' || k === 'stages' || k === 'jobIds' ? [] : null),
    ]),
  ) as MemoryRow['values'];
  return {
    id,
    docNo: docNoOf(id),
    seq,
    kind: 'APPLICANT',
    updated: NOW.getTime() - 3 * DAY,
    yearsExperience: null,
    yearsInRole: null,
    values: all,
    customFields: [],
    applications: [],
    ...extra,
  };
}

function request(overrides: Partial<SearchRequest>): SearchRequest {
  return {
    organizationId: 'org',
    query: null,
    filter: {},
    facets: [],
    facetSize: 10,
    sort: { field: 'LAST_UPDATED', direction: 'DESC' },
    first: 10,
    after: null,
    now: NOW,
    ...overrides,
  };
}

describe('OrgIndex + answerSearch', () => {
  it('counts facets multi-select, follows updates and removals, and honours the text matches', () => {
    const index = new OrgIndex();
    index.upsert(
      row('a', 1, { skills: ['go', 'rust'], locations: 'berlin' }, { yearsExperience: 3 }),
    );
    index.upsert(row('b', 2, { skills: ['go'], locations: 'paris' }));
    index.upsert(
      row(
        'c',
        3,
        { skills: ['java'], locations: 'berlin' },
        { updated: NOW.getTime() - 400 * DAY },
      ),
    );

    const answer = answerSearch(
      index,
      request({
        filter: { skills: ['go'] },
        facets: ['SKILL', 'LOCATION', 'LAST_UPDATED', 'YEARS_OF_EXPERIENCE'],
      }),
      null,
    );
    expect(answer?.totalCount).toBe(2);
    const [skill, location, updated, years] = answer?.facets ?? [];
    // SKILL ignores its own filter; LOCATION applies it.
    expect(skill?.values.map((v) => [v.value, v.count])).toEqual([
      ['go', 2],
      ['java', 1],
      ['rust', 1],
    ]);
    expect(location?.values.map((v) => [v.value, v.count])).toEqual([
      ['berlin', 1],
      ['paris', 1],
    ]);
    expect(updated?.values.map((v) => [v.value, v.count])).toEqual([
      ['LAST_7_DAYS', 2],
      ['LAST_30_DAYS', 2],
      ['LAST_90_DAYS', 2],
      ['LAST_365_DAYS', 2],
    ]);
    expect(years?.values).toEqual([{ value: '2-5', label: '2-5', count: 1 }]);

    // An update replaces the old version; a removal drops it.
    index.upsert(row('b', 4, { skills: ['java'], locations: 'paris' }));
    index.remove('a');
    const after = answerSearch(index, request({ facets: ['SKILL'] }), null);
    expect(after?.totalCount).toBe(2);
    expect(after?.facets[0]?.values.map((v) => [v.value, v.count])).toEqual([['java', 2]]);

    // Only the text matches count.
    const text = answerSearch(
      index,
      request({ facets: ['LOCATION'] }),
      slotsOf(index, Int32Array.of(docNoOf('c'), 99_999)),
    );
    expect(text?.totalCount).toBe(1);
    expect(text?.facets[0]?.values.map((v) => [v.value, v.count])).toEqual([['berlin', 1]]);
  });

  it('keeps a selected value with count 0 and leaves out a facet without data', () => {
    const index = new OrgIndex();
    index.upsert(row('a', 1, { skills: ['go'] }));
    const answer = answerSearch(
      index,
      request({ filter: { skills: ['cobol'] }, facets: ['SKILL', 'SCHOOL'] }),
      null,
    );
    expect(answer?.totalCount).toBe(0);
    expect(answer?.facets[0]?.values.map((v) => [v.value, v.count])).toEqual([
      ['go', 1],
      ['cobol', 0],
    ]);
    expect(answer?.facets[1]).toBeNull();
  });

  it('answers insights with other and missing counts', () => {
    const index = new OrgIndex();
    index.upsert(row('a', 1, { skills: ['go', 'rust'] }));
    index.upsert(row('b', 2, { skills: ['go'] }));
    index.upsert(row('c', 3, {}));
    const [skills] =
      answerInsights(
        index,
        {
          organizationId: 'org',
          query: null,
          filter: {},
          dimensions: ['SKILL'],
          size: 1,
          now: NOW,
        },
        null,
      ) ?? [];
    expect(skills?.buckets.map((b) => [b.value, b.count])).toEqual([['go', 2]]);
    expect(skills?.otherCount).toBe(0);
    expect(skills?.missingCount).toBe(1);
  });

  it('reports a small heap per candidate', () => {
    const index = new OrgIndex();
    for (let i = 0; i < 10_000; i++) {
      index.upsert(
        row(`id-${i}`, i, { skills: ['go', 'rust', `s${i % 500}`], locations: `city ${i % 50}` }),
      );
    }
    expect(index.bytes / index.live).toBeLessThan(1000);
  });
});
