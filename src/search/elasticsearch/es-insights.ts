import type { estypes } from '@elastic/elasticsearch';
import { UNLABELLED } from '../document-values';
import { INSIGHT_FILTER } from '../facet-keys';
import {
  YEARS_BUCKETS,
  type FacetValue,
  type InsightBreakdown,
  type InsightDimension,
} from '../search-types';
import { docCount, hasOtherTerms, keyedCounts, sub, termBuckets } from './es-aggregates';
import { FIELDS, valueField, type ValueFilterKey } from './es-fields';
import { yearsBucketQuery } from './es-filters';

type Aggregation = estypes.AggregationsAggregationContainer;

/** How one insight dimension is counted. */
export type InsightPlan =
  | { kind: 'years'; dimension: InsightDimension; field: string }
  | { kind: 'values'; dimension: InsightDimension; filterKey: ValueFilterKey; field: string };

export function insightPlan(dimension: InsightDimension): InsightPlan {
  if (dimension === 'YEARS_OF_EXPERIENCE')
    return { kind: 'years', dimension, field: FIELDS.yearsOfExperience };
  if (dimension === 'YEARS_IN_ROLE') return { kind: 'years', dimension, field: FIELDS.yearsInRole };
  // Application dimensions count the candidate's values of all its applications, as facets do
  // without other application filters.
  const filterKey = INSIGHT_FILTER[dimension] as ValueFilterKey;
  return { kind: 'values', dimension, filterKey, field: valueField(filterKey) };
}

export const missingAggregationName = (dimension: InsightDimension): string =>
  `${dimension}_missing`;

/** The buckets of every dimension and the candidates without a value. Pure. */
export function insightAggregations(
  plans: readonly InsightPlan[],
  size: number,
): Record<string, Aggregation> {
  const aggs: Record<string, Aggregation> = {};
  for (const plan of plans) {
    aggs[plan.dimension] =
      plan.kind === 'years'
        ? {
            filters: {
              filters: Object.fromEntries(
                YEARS_BUCKETS.map((b) => [b, yearsBucketQuery(plan.field, b)]),
              ),
            },
          }
        : { terms: { field: plan.field, size, order: [{ _count: 'desc' }, { _key: 'asc' }] } };
    aggs[missingAggregationName(plan.dimension)] = { missing: { field: plan.field } };
  }
  return aggs;
}

/** A dimension read from the first response; `other` asks for a second count when set. */
export interface InsightDraft {
  breakdown: InsightBreakdown;
  labels: ValueFilterKey | null;
  /** Candidates with a value outside `values` are still to be counted. */
  other: { field: string; values: string[] } | null;
}

export function readInsight(
  plan: InsightPlan,
  aggregations: Record<string, unknown> | undefined,
): InsightDraft {
  const aggregate = sub(aggregations, plan.dimension);
  const missingCount = docCount(sub(aggregations, missingAggregationName(plan.dimension)));
  if (plan.kind === 'years') {
    const counts = keyedCounts(aggregate);
    const buckets: FacetValue[] = YEARS_BUCKETS.filter((b) => (counts[b] ?? 0) > 0).map((b) => ({
      value: b,
      label: b,
      count: counts[b] ?? 0,
    }));
    return {
      breakdown: { dimension: plan.dimension, buckets, otherCount: 0, missingCount },
      labels: null,
      other: null,
    };
  }
  const buckets = termBuckets(aggregate).map((b) => ({
    value: b.key,
    label: b.key,
    count: b.docCount,
  }));
  return {
    breakdown: { dimension: plan.dimension, buckets, otherCount: 0, missingCount },
    labels: UNLABELLED.has(plan.filterKey) ? null : plan.filterKey,
    // Values were left out: count the candidates having one of them but none of the buckets
    // (not a sum of counts, since one candidate has several skills).
    other: hasOtherTerms(aggregate)
      ? { field: plan.field, values: buckets.map((b) => b.value) }
      : null,
  };
}

/** Per dimension still open, the candidates with a value but none among its buckets. Pure. */
export function otherAggregations(drafts: readonly InsightDraft[]): Record<string, Aggregation> {
  const aggs: Record<string, Aggregation> = {};
  for (const draft of drafts) {
    if (!draft.other) continue;
    aggs[draft.breakdown.dimension] = {
      filter: {
        bool: {
          filter: [{ exists: { field: draft.other.field } }],
          must_not: [{ terms: { [draft.other.field]: draft.other.values } }],
        },
      },
    };
  }
  return aggs;
}
