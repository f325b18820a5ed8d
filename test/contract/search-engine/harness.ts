import { expect } from 'vitest';
import type { SearchEngine } from '../../../src/search/search-engine';
import type {
  FacetField,
  FacetValue,
  InsightBreakdown,
  InsightsRequest,
  LookupMatch,
  LookupRule,
  ProfileLookup,
  SearchRequest,
  SearchResult,
} from '../../../src/search/search-types';
import { ORG_A } from '../../fixtures/search-dataset-org-a';
import {
  NOW,
  type Handle,
  type HandleA,
  type OrgKey,
  type SearchDataset,
} from '../../fixtures/search-dataset';

/**
 * What every contract file gets: the engine under test (set in beforeAll), the dataset of this
 * run, request builders with the contract's defaults, and assertions that speak in candidate
 * handles rather than ids, so a failure reads "expected [jose, zoe]".
 */
export class ContractContext {
  private current: SearchEngine | null = null;

  constructor(readonly data: SearchDataset) {}

  get engine(): SearchEngine {
    if (!this.current) throw new Error('the search engine has not been started');
    return this.current;
  }

  set engine(engine: SearchEngine) {
    this.current = engine;
  }

  get started(): boolean {
    return this.current !== null;
  }

  /** A search as organization `org` (A unless given), with NOW and room for every match. */
  search(options: SearchOptions = {}): Promise<SearchResult> {
    const { org = 'A', ...rest } = options;
    const request: SearchRequest = {
      organizationId: this.data.org[org],
      query: null,
      filter: {},
      facets: [],
      facetSize: 10,
      sort: { field: 'RELEVANCE', direction: 'DESC' },
      first: 100,
      after: null,
      now: NOW,
      ...rest,
    };
    return this.engine.search(request);
  }

  insights(options: InsightOptions): Promise<InsightBreakdown[]> {
    const { org = 'A', ...rest } = options;
    const request: InsightsRequest = {
      organizationId: this.data.org[org],
      query: null,
      filter: {},
      size: 10,
      now: NOW,
      ...rest,
    };
    return this.engine.insights(request);
  }

  lookup(profiles: ProfileLookup[], org: OrgKey = 'A'): Promise<LookupMatch[][]> {
    return this.engine.lookup({ organizationId: this.data.org[org], profiles });
  }

  /** Hit handles in result order. */
  handles(result: SearchResult): string[] {
    return result.hits.map((hit) => this.data.handleOf(hit.id));
  }

  /** Exactly these candidates match (in any order), all on one page. */
  expectMatches(result: SearchResult, expected: readonly Handle[]): void {
    expect(this.handles(result).sort()).toEqual([...expected].sort());
    expect(result.totalCount).toBe(expected.length);
    expect(result.hasNextPage).toBe(false);
  }

  /** Lookup answers as [handle, rule, confidence], confidences rounded to two decimals. */
  matches(answer: LookupMatch[]): [string, LookupRule, number][] {
    return answer.map((m) => [
      this.data.handleOf(m.candidateId),
      m.rule,
      Math.round(m.confidence * 100) / 100,
    ]);
  }
}

export type SearchOptions = Partial<Omit<SearchRequest, 'organizationId'>> & { org?: OrgKey };
export type InsightOptions = Partial<Omit<InsightsRequest, 'organizationId' | 'dimensions'>> &
  Pick<InsightsRequest, 'dimensions'> & { org?: OrgKey };

/** Every candidate of organization A, as written in the fixture. */
export const ALL_A: readonly HandleA[] = ORG_A.map((spec) => spec.handle);

export function allAExcept(...excluded: HandleA[]): HandleA[] {
  return ALL_A.filter((handle) => !excluded.includes(handle));
}

/**
 * An expected facet value or insight bucket. `label` may list the acceptable spellings when the
 * data spells a value several ways (SEMANTICS.md: "an original spelling"), or be null when the
 * label is not specified (a selected value that no candidate has).
 */
export interface ExpectedValue {
  value: string;
  label: string | readonly string[] | null;
  count: number;
}

export function v(value: string, label: ExpectedValue['label'], count: number): ExpectedValue {
  return { value, label, count };
}

/** A value whose label is the value itself (ranges, year buckets, connection ids). */
export function same(value: string, count: number): ExpectedValue {
  return { value, label: value, count };
}

/** The spellings of python in organization A's skills. */
export const PYTHON_LABELS = ['Python', 'PYTHON', 'python'] as const;

/** Compares values in order; a label matches if it is one of the accepted spellings. */
export function expectValues(
  actual: readonly FacetValue[],
  expected: readonly ExpectedValue[],
): void {
  const comparable = actual.map((value, i) => {
    const wanted = expected[i]?.label;
    const accepted =
      wanted === null || (Array.isArray(wanted) ? wanted.includes(value.label) : false);
    return {
      value: value.value,
      label: accepted ? (wanted ?? null) : value.label,
      count: value.count,
    };
  });
  expect(comparable).toEqual(expected);
}

export function expectFacet(
  result: SearchResult,
  field: FacetField,
  expected: readonly ExpectedValue[],
): void {
  const facet = result.facets.find((f) => f.field === field);
  expect(facet, `facet ${field}`).toBeDefined();
  expectValues(facet!.values, expected);
}

/** The facets present, by field, sorted (the order of facets is not specified). */
export function facetFields(result: SearchResult): FacetField[] {
  return result.facets.map((f) => f.field).sort();
}

export interface ExpectedBreakdown {
  buckets: readonly ExpectedValue[];
  otherCount: number;
  missingCount: number;
}

export function expectBreakdown(
  breakdowns: readonly InsightBreakdown[],
  dimension: InsightBreakdown['dimension'],
  expected: ExpectedBreakdown,
): void {
  const breakdown = breakdowns.find((b) => b.dimension === dimension);
  expect(breakdown, `insight ${dimension}`).toBeDefined();
  expectValues(breakdown!.buckets, expected.buckets);
  expect({ otherCount: breakdown!.otherCount, missingCount: breakdown!.missingCount }).toEqual({
    otherCount: expected.otherCount,
    missingCount: expected.missingCount,
  });
}
