import type { estypes } from '@elastic/elasticsearch';
import { customFieldPart, selectedCustomFieldValues } from '../facet-keys';
import type { CustomFieldFacetResult, SearchRequest } from '../search-types';
import type { AggregateResult } from './es-aggregates';
import { allOf, otherValueCount, readValues, valueAggregations } from './es-facets';
import { customFieldValuesField } from './es-fields';
import { clausesWithout, type FilterClause } from './es-filters';

/** How one custom field's facet is counted: under `aggregation`, over `customFieldValues.<key>`. */
export interface CustomFieldFacetPlan {
  key: string;
  /** The aggregation's name (keys may hold characters aggregation names may not). */
  aggregation: string;
  selected: string[];
}

export function customFieldFacetPlans(
  request: Pick<SearchRequest, 'customFieldFacets' | 'filter'>,
): CustomFieldFacetPlan[] {
  return [...new Set(request.customFieldFacets ?? [])].map((key, i) => ({
    key,
    aggregation: `customField${i}`,
    selected: selectedCustomFieldValues(request.filter, key),
  }));
}

/** The filter parts a custom field's facet ignores: its own entries of `customFields`. */
export const customFieldExclusions = (plan: CustomFieldFacetPlan) =>
  new Set([customFieldPart(plan.key)]);

/** The post_filter clauses the facet keeps, with its counts below them (as facetAggregation). Pure. */
export function customFieldFacetAggregation(
  plan: CustomFieldFacetPlan,
  postClauses: readonly FilterClause[],
  facetSize: number,
): estypes.AggregationsAggregationContainer {
  return {
    filter: allOf(clausesWithout(postClauses, customFieldExclusions(plan))),
    // Elasticsearch rejects size 0.
    aggs: valueAggregations(
      customFieldValuesField(plan.key),
      Math.max(1, facetSize),
      plan.selected,
    ),
  };
}

/** A custom field facet read from the response, before labels; null when empty. Pure. */
export function readCustomFieldFacet(
  plan: CustomFieldFacetPlan,
  aggregate: AggregateResult | undefined,
  facetSize: number,
): Omit<CustomFieldFacetResult, 'label'> | null {
  const values = readValues(aggregate, plan.selected, facetSize);
  if (values.length === 0) return null;
  return { key: plan.key, values, otherValueCount: otherValueCount(aggregate, values) };
}
