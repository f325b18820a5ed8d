import type { estypes } from '@elastic/elasticsearch';
import { UNLABELLED } from '../document-values';
import { facetExcludes, FACET_FILTER, type FilterPart } from '../facet-keys';
import {
  LAST_UPDATED_RANGES,
  YEARS_BUCKETS,
  type FacetField,
  type FacetValue,
  type SearchFilter,
  type SearchRequest,
} from '../search-types';
import {
  compareKeys,
  docCount,
  keyedCounts,
  sub,
  termBuckets,
  type AggregateResult,
} from './es-aggregates';
import {
  APPLICATION_FIELDS,
  APPLICATION_FILTER_KEYS,
  APPLICATIONS_PATH,
  FIELDS,
  isApplicationFilter,
  valueField,
  type ValueFilterKey,
} from './es-fields';
import {
  activeApplicationFilters,
  applicationConditions,
  clausesWithout,
  filterValues,
  lastUpdatedRangeQuery,
  yearsBucketQuery,
  type FilterClause,
} from './es-filters';

type Aggregation = estypes.AggregationsAggregationContainer;
type Query = estypes.QueryDslQueryContainer;

/** How one facet is counted. */
export type FacetPlan =
  | { kind: 'ranges'; facet: 'LAST_UPDATED' | 'YEARS_OF_EXPERIENCE'; selected: string[] }
  | {
      kind: 'values';
      facet: FacetField;
      filterKey: ValueFilterKey;
      selected: string[];
      /**
       * Application facets while another application filter is on: counted over the nested
       * applications that pass those filters (same-application rule), each candidate once.
       */
      applicationFilters: (keyof typeof APPLICATION_FIELDS)[];
    };

export function facetPlan(facet: FacetField, filter: SearchFilter): FacetPlan {
  if (facet === 'LAST_UPDATED')
    return { kind: 'ranges', facet, selected: [...(filter.lastUpdatedRanges ?? [])] };
  if (facet === 'YEARS_OF_EXPERIENCE')
    return { kind: 'ranges', facet, selected: [...(filter.yearsOfExperienceBuckets ?? [])] };
  const filterKey = FACET_FILTER[facet] as ValueFilterKey;
  return {
    kind: 'values',
    facet,
    filterKey,
    selected: filterValues(filter, filterKey) ?? [],
    applicationFilters: isApplicationFilter(filterKey)
      ? activeApplicationFilters(filter).filter((k) => k !== filterKey)
      : [],
  };
}

/**
 * The filter lists a facet is counted without: its own (facetExcludes), and for an application
 * facet counted over nested applications every application filter, since those apply to the
 * applications themselves.
 */
export function facetExclusions(plan: FacetPlan): Set<FilterPart> {
  const excluded = new Set<FilterPart>(facetExcludes(plan.facet));
  if (plan.kind === 'values' && plan.applicationFilters.length > 0) {
    for (const key of APPLICATION_FILTER_KEYS) excluded.add(key);
  }
  return excluded;
}

const TERMS_ORDER: estypes.AggregationsAggregateOrder = [{ _count: 'desc' }, { _key: 'asc' }];
/** Counts candidates, not applications, below a nested aggregation. */
const CANDIDATES = 'candidates';
const CANDIDATE_ORDER: estypes.AggregationsAggregateOrder = [
  { [CANDIDATES]: 'desc' },
  { _key: 'asc' },
];

export const allOf = (clauses: readonly FilterClause[]): Query =>
  clauses.length > 0 ? { bool: { filter: clauses.map((c) => c.query) } } : { match_all: {} };

/**
 * One `filter` aggregation per facet holding every post_filter clause the facet does not ignore
 * (the rest of the filter is already in the query), with the counts below it. Pure.
 */
export function facetAggregation(
  plan: FacetPlan,
  postClauses: readonly FilterClause[],
  request: Pick<SearchRequest, 'filter' | 'facetSize' | 'now'>,
): Aggregation {
  const filter = allOf(clausesWithout(postClauses, facetExclusions(plan)));
  if (plan.kind === 'ranges') {
    const filters: Record<string, Query> =
      plan.facet === 'LAST_UPDATED'
        ? Object.fromEntries(
            LAST_UPDATED_RANGES.map((r) => [r, lastUpdatedRangeQuery(r, request.now)]),
          )
        : Object.fromEntries(
            YEARS_BUCKETS.map((b) => [b, yearsBucketQuery(FIELDS.yearsOfExperience, b)]),
          );
    return { filter, aggs: { ranges: { filters: { filters } } } };
  }
  // Elasticsearch rejects size 0; an empty top list is cut back in readFacet.
  const size = Math.max(1, request.facetSize);
  if (plan.applicationFilters.length === 0) {
    const field = valueField(plan.filterKey);
    return { filter, aggs: valueAggregations(field, size, plan.selected) };
  }
  const field = APPLICATION_FIELDS[plan.filterKey as keyof typeof APPLICATION_FIELDS];
  const candidates = { [CANDIDATES]: { reverse_nested: {} } };
  return {
    filter,
    aggs: {
      applications: {
        nested: { path: APPLICATIONS_PATH },
        aggs: {
          matching: {
            filter: {
              bool: { filter: applicationConditions(request.filter, plan.applicationFilters) },
            },
            aggs: {
              top: { terms: { field, size, order: CANDIDATE_ORDER }, aggs: candidates },
              ...(plan.selected.length > 0
                ? {
                    selected: {
                      terms: { field, include: plan.selected, size: plan.selected.length },
                      aggs: candidates,
                    },
                  }
                : {}),
              [DISTINCT]: distinctValues(field),
            },
          },
        },
      },
    },
  };
}

/**
 * The top values of a keyword field by candidate count, the selected values (wherever they
 * rank), and how many distinct values there are. Pure.
 */
export function valueAggregations(
  field: string,
  size: number,
  selected: readonly string[],
): Record<string, Aggregation> {
  return {
    top: { terms: { field, size, order: TERMS_ORDER } },
    ...(selected.length > 0
      ? { selected: { terms: { field, include: [...selected], size: selected.length } } }
      : {}),
    [DISTINCT]: distinctValues(field),
  };
}

const DISTINCT = 'distinct';
/**
 * The highest precision Elasticsearch offers: distinct counts are exact up to about this many
 * values (short of hash collisions) and approximate beyond (SEMANTICS.md "Facets").
 */
const PRECISION_THRESHOLD = 40_000;

const distinctValues = (field: string): Aggregation => ({
  cardinality: { field, precision_threshold: PRECISION_THRESHOLD },
});

/** Counted values the shown ones leave out, from the `distinct` count beside them. */
export function otherValueCount(root: AggregateResult | undefined, shown: readonly FacetValue[]) {
  const distinct = sub(root, DISTINCT)?.['value'];
  const counted = shown.filter((v) => v.count > 0).length;
  return typeof distinct === 'number' ? Math.max(0, distinct - counted) : 0;
}

/** A facet read from the response, before labels; `labels` names the values' label group. */
export interface FacetDraft {
  field: FacetField;
  labels: ValueFilterKey | null;
  values: FacetValue[];
  otherValueCount: number;
}

/** Reads one facet's counts; null when it has no values and nothing is selected. Pure. */
export function readFacet(
  plan: FacetPlan,
  aggregate: AggregateResult | undefined,
  facetSize: number,
): FacetDraft | null {
  if (plan.kind === 'ranges') {
    const counts = keyedCounts(sub(aggregate, 'ranges'));
    const order: readonly string[] =
      plan.facet === 'LAST_UPDATED' ? LAST_UPDATED_RANGES : YEARS_BUCKETS;
    const selected = new Set(plan.selected);
    const values = order
      .filter((key) => (counts[key] ?? 0) > 0 || selected.has(key))
      .map((key) => ({ value: key, label: key, count: counts[key] ?? 0 }));
    return values.length > 0
      ? { field: plan.facet, labels: null, values, otherValueCount: 0 }
      : null;
  }

  const nested = plan.applicationFilters.length > 0;
  const root = nested ? sub(sub(aggregate, 'applications'), 'matching') : aggregate;
  const count = (bucket: AggregateResult): number =>
    nested ? docCount(sub(bucket, CANDIDATES)) : docCount(bucket);
  const values = readValues(root, plan.selected, facetSize, count);
  if (values.length === 0) return null;
  return {
    field: plan.facet,
    labels: UNLABELLED.has(plan.filterKey) ? null : plan.filterKey,
    values,
    otherValueCount: otherValueCount(root, values),
  };
}

/**
 * The values of valueAggregations' answer: the top ones, then selected values outside them,
 * counted ones in rank order and then those with no count in the order they were given (as
 * the postgres engine returns them). Pure.
 */
export function readValues(
  root: AggregateResult | undefined,
  selected: readonly string[],
  facetSize: number,
  count: (bucket: AggregateResult) => number = docCount,
): FacetValue[] {
  const values: FacetValue[] = termBuckets(sub(root, 'top'))
    .slice(0, facetSize)
    .map((b) => ({ value: b.key, label: b.key, count: count(b.bucket) }));
  const selectedCounts = new Map(
    termBuckets(sub(root, 'selected')).map((b) => [b.key, count(b.bucket)] as const),
  );
  const missing = selected.filter((v) => !values.some((x) => x.value === v));
  const counted = missing
    .filter((v) => (selectedCounts.get(v) ?? 0) > 0)
    .map((v) => ({ value: v, label: v, count: selectedCounts.get(v) ?? 0 }))
    .sort((a, b) => b.count - a.count || compareKeys(a.value, b.value));
  const uncounted = missing
    .filter((v) => (selectedCounts.get(v) ?? 0) === 0)
    .map((v) => ({ value: v, label: v, count: 0 }));
  values.push(...counted, ...uncounted);
  return values;
}
