import { describe, expect, it } from 'vitest';
import { bulkChunks } from './es-bulk';
import { facetPlan, readFacet } from './es-facets';
import { insightPlan, readInsight } from './es-insights';
import { readLookupHit } from './es-lookup-queries';

/** Reading Elasticsearch answers back into engine results (pure). */

const bucket = (key: string, doc_count: number, extra: object = {}) => ({
  key,
  doc_count,
  ...extra,
});

describe('readFacet', () => {
  it('returns the top values, then selected values outside them (counted ones first)', () => {
    const plan = facetPlan('SKILL', { skills: ['Rust', 'COBOL', 'Go'] });
    const aggregate = {
      doc_count: 9,
      top: { buckets: [bucket('java', 5), bucket('go', 3), bucket('python', 3)] },
      selected: { buckets: [bucket('go', 3), bucket('rust', 1)] },
      distinct: { value: 11 },
    };
    expect(readFacet(plan, aggregate, 3)).toEqual({
      field: 'SKILL',
      labels: 'skills',
      values: [
        { value: 'java', label: 'java', count: 5 },
        { value: 'go', label: 'go', count: 3 },
        { value: 'python', label: 'python', count: 3 },
        { value: 'rust', label: 'rust', count: 1 },
        { value: 'cobol', label: 'cobol', count: 0 },
      ],
      // 11 distinct skills, four of them shown with a count.
      otherValueCount: 7,
    });
  });

  it('omits a facet with no values and nothing selected', () => {
    expect(
      readFacet(facetPlan('SCHOOL', {}), { doc_count: 0, top: { buckets: [] } }, 10),
    ).toBeNull();
    expect(readFacet(facetPlan('SCHOOL', {}), undefined, 10)).toBeNull();
  });

  it('counts candidates, not applications, under the nested aggregation', () => {
    const plan = facetPlan('STAGE', { jobIds: ['job-b'], stages: ['Hired'] });
    const aggregate = {
      doc_count: 4,
      applications: {
        doc_count: 9,
        matching: {
          doc_count: 6,
          top: {
            buckets: [
              bucket('onsite', 4, { candidates: { doc_count: 2 } }),
              bucket('screen', 2, { candidates: { doc_count: 2 } }),
            ],
          },
          selected: { buckets: [] },
          distinct: { value: 3 },
        },
      },
    };
    expect(readFacet(plan, aggregate, 10)?.otherValueCount).toBe(1);
    expect(readFacet(plan, aggregate, 10)?.values).toEqual([
      { value: 'onsite', label: 'onsite', count: 2 },
      { value: 'screen', label: 'screen', count: 2 },
      { value: 'hired', label: 'hired', count: 0 },
    ]);
  });

  it('lists ranges in their fixed order, zero ones only when selected', () => {
    const plan = facetPlan('LAST_UPDATED', { lastUpdatedRanges: ['OLDER'] });
    const aggregate = {
      doc_count: 5,
      ranges: {
        buckets: {
          LAST_7_DAYS: { doc_count: 1 },
          LAST_30_DAYS: { doc_count: 0 },
          LAST_90_DAYS: { doc_count: 3 },
          LAST_365_DAYS: { doc_count: 5 },
          OLDER: { doc_count: 0 },
        },
      },
    };
    expect(readFacet(plan, aggregate, 10)).toEqual({
      field: 'LAST_UPDATED',
      labels: null,
      values: [
        { value: 'LAST_7_DAYS', label: 'LAST_7_DAYS', count: 1 },
        { value: 'LAST_90_DAYS', label: 'LAST_90_DAYS', count: 3 },
        { value: 'LAST_365_DAYS', label: 'LAST_365_DAYS', count: 5 },
        { value: 'OLDER', label: 'OLDER', count: 0 },
      ],
      otherValueCount: 0,
    });
  });

  it('does not label connection ids, and cuts the top list at facetSize', () => {
    const plan = facetPlan('CONNECTION', {});
    const aggregate = { top: { buckets: [bucket('c1', 2)] } };
    expect(readFacet(plan, aggregate, 0)).toBeNull();
    expect(readFacet(plan, aggregate, 1)).toEqual({
      field: 'CONNECTION',
      labels: null,
      values: [{ value: 'c1', label: 'c1', count: 2 }],
      // No distinct count in the answer reads as nothing left out.
      otherValueCount: 0,
    });
  });
});

describe('readInsight', () => {
  it('reads buckets and missing counts, and asks for others when values were left out', () => {
    const aggregations = {
      SKILL: { sum_other_doc_count: 4, buckets: [bucket('go', 3), bucket('java', 2)] },
      SKILL_missing: { doc_count: 7 },
    };
    expect(readInsight(insightPlan('SKILL'), aggregations)).toEqual({
      breakdown: {
        dimension: 'SKILL',
        buckets: [
          { value: 'go', label: 'go', count: 3 },
          { value: 'java', label: 'java', count: 2 },
        ],
        otherCount: 0,
        missingCount: 7,
      },
      labels: 'skills',
      other: { field: 'values.skills', values: ['go', 'java'] },
    });
  });

  it('needs no second count when every value is in the buckets', () => {
    const aggregations = {
      JOB: { sum_other_doc_count: 0, buckets: [bucket('job-a', 1)] },
      JOB_missing: { doc_count: 0 },
    };
    expect(readInsight(insightPlan('JOB'), aggregations).other).toBeNull();
  });

  it('reads year buckets in their fixed order, zero ones omitted', () => {
    const aggregations = {
      YEARS_OF_EXPERIENCE: {
        buckets: {
          '0-2': { doc_count: 0 },
          '2-5': { doc_count: 2 },
          '5-10': { doc_count: 0 },
          '10-15': { doc_count: 0 },
          '15-20': { doc_count: 0 },
          '20+': { doc_count: 1 },
        },
      },
      YEARS_OF_EXPERIENCE_missing: { doc_count: 3 },
    };
    expect(readInsight(insightPlan('YEARS_OF_EXPERIENCE'), aggregations)).toEqual({
      breakdown: {
        dimension: 'YEARS_OF_EXPERIENCE',
        buckets: [
          { value: '2-5', label: '2-5', count: 2 },
          { value: '20+', label: '20+', count: 1 },
        ],
        otherCount: 0,
        missingCount: 3,
      },
      labels: null,
      other: null,
    });
  });
});

describe('readLookupHit', () => {
  it('maps matched clause names to rules and confidences', () => {
    expect(
      readLookupHit('c1', [
        'EMAIL',
        'NAME_COMPANY_TITLE:name+title',
        'NAME_COMPANY_TITLE:name+company+title',
        'unknown',
      ]),
    ).toEqual([
      { candidateId: 'c1', rule: 'EMAIL', confidence: 0.9 },
      { candidateId: 'c1', rule: 'NAME_COMPANY_TITLE', confidence: 0.5 },
      { candidateId: 'c1', rule: 'NAME_COMPANY_TITLE', confidence: 0.85 },
    ]);
  });
});

describe('bulkChunks', () => {
  it('cuts requests by size, keeping order', () => {
    const entry = (n: number) => ({
      action: { index: { _index: 'x', _id: String(n) } },
      document: { text: 'x'.repeat(1_000) },
    });
    const chunks = bulkChunks([entry(1), entry(2), entry(3)], 2_500);
    expect(chunks.map((c) => c.map((e) => e.action.index?._id))).toEqual([['1', '2'], ['3']]);
    expect(bulkChunks([])).toEqual([]);
  });
});
