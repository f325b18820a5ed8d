import type { estypes } from '@elastic/elasticsearch';
import type { NormalizedProfile } from '../lookup-rules';
import type { FilterPart } from '../facet-keys';
import type { InsightsRequest, SearchRequest } from '../search-types';
import {
  customFieldExclusions,
  customFieldFacetAggregation,
  customFieldFacetPlans,
  type CustomFieldFacetPlan,
} from './es-custom-field-facets';
import { FIELDS, valueField } from './es-fields';
import { facetAggregation, facetExclusions, facetPlan, type FacetPlan } from './es-facets';
import { clausesWithout, filterClauses, type FilterClause } from './es-filters';
import {
  insightAggregations,
  insightPlan,
  otherAggregations,
  type InsightDraft,
  type InsightPlan,
} from './es-insights';
import { highlightSource } from './es-highlight';
import { buildLookupSearch } from './es-lookup-queries';
import { buildTextQuery } from './es-text-query';

/**
 * Pure translation of engine requests into Elasticsearch request bodies (without the index,
 * which the engine adds). Every body is limited to one organization twice over: routed to the
 * organization's shard, and filtered by its id.
 */

type Query = estypes.QueryDslQueryContainer;
export type SearchBody = Omit<estypes.SearchRequest, 'index'>;

const organizationFilter = (organizationId: string): Query => ({
  term: { [FIELDS.organizationId]: organizationId },
});

/** The organization, the filter clauses, and the text query (scored) when there is one. */
function candidateQuery(
  organizationId: string,
  text: Query | null,
  clauses: readonly FilterClause[],
): Query {
  return {
    bool: {
      filter: [organizationFilter(organizationId), ...clauses.map((c) => c.query)],
      ...(text ? { must: [text] } : {}),
    },
  };
}

/** The sort, and whether the sort value is the score. Ties always by id ascending. */
function sortOf(
  request: SearchRequest,
  text: Query | null,
): { sort: estypes.Sort; scored: boolean } {
  const { field, direction } = request.sort;
  const order = direction === 'ASC' ? 'asc' : 'desc';
  const byId: estypes.SortCombinations = { [FIELDS.candidateId]: { order: 'asc' } };
  if (field === 'RELEVANCE' && text) return { sort: [{ _score: { order } }, byId], scored: true };
  if (field === 'NAME') return { sort: [{ [FIELDS.nameKey]: { order } }, byId], scored: false };
  // LAST_UPDATED, and RELEVANCE without words to rank by: newest first unless asked.
  const dateOrder = field === 'RELEVANCE' ? 'desc' : order;
  return { sort: [{ [FIELDS.lastUpdated]: { order: dateOrder } }, byId], scored: false };
}

export interface EsSearchPlan {
  body: SearchBody;
  facets: FacetPlan[];
  customFieldFacets: CustomFieldFacetPlan[];
  /** True when hits are ranked by score (the sort value is the score). */
  scored: boolean;
}

/**
 * One search for a page of hits, the total and every requested facet. Multi-select facets: the
 * filter clauses that some requested facet ignores go to `post_filter` (they narrow the hits,
 * not the aggregations), the others to the query; each facet's aggregation adds back the
 * post_filter clauses it does not ignore. One hit more than asked tells whether a next page
 * exists.
 */
export function buildSearchRequest(request: SearchRequest): EsSearchPlan {
  const text = buildTextQuery(request.query);
  const clauses = filterClauses(request.filter, request.now);
  const facets = [...new Set(request.facets)].map((f) => facetPlan(f, request.filter));
  const customFieldFacets = customFieldFacetPlans(request);
  const ignoredByFacets = new Set<FilterPart>([
    ...facets.flatMap((p) => [...facetExclusions(p)]),
    ...customFieldFacets.flatMap((p) => [...customFieldExclusions(p)]),
  ]);
  const queryClauses = clausesWithout(clauses, ignoredByFacets);
  const postClauses = clauses.filter((c) => !queryClauses.includes(c));
  const { sort, scored } = sortOf(request, text);
  const source = highlightSource(request.query);

  const body: SearchBody = {
    routing: request.organizationId,
    size: request.first + 1,
    // totalCount is exact, as on the postgres engine (counting stops nowhere; a tenant's shard).
    track_total_hits: true,
    _source: source.length > 0 ? source : false,
    query: candidateQuery(request.organizationId, text, queryClauses),
    sort,
  };
  if (postClauses.length > 0)
    body.post_filter = { bool: { filter: postClauses.map((c) => c.query) } };
  if (request.after) body.search_after = [request.after.sortValue, request.after.id];
  if (facets.length + customFieldFacets.length > 0) {
    const aggs: Record<string, estypes.AggregationsAggregationContainer> = {};
    for (const plan of facets) aggs[plan.facet] = facetAggregation(plan, postClauses, request);
    for (const plan of customFieldFacets) {
      aggs[plan.aggregation] = customFieldFacetAggregation(plan, postClauses, request.facetSize);
    }
    body.aggs = aggs;
  }
  return { body, facets, customFieldFacets, scored };
}

export interface EsInsightsPlan {
  body: SearchBody;
  dimensions: InsightPlan[];
}

/** Every dimension's buckets and missing counts over the matching candidates, in one search. */
export function buildInsightsRequest(request: InsightsRequest): EsInsightsPlan {
  const dimensions = request.dimensions.map(insightPlan);
  return {
    body: {
      ...insightsBase(request),
      aggs: insightAggregations(dimensions, request.size),
    },
    dimensions,
  };
}

/**
 * The second insights search, for the dimensions whose buckets left values out: candidates with
 * a value but none among the buckets. Null when no dimension needs it.
 */
export function buildInsightsOtherRequest(
  request: InsightsRequest,
  drafts: readonly InsightDraft[],
): SearchBody | null {
  const aggs = otherAggregations(drafts);
  if (Object.keys(aggs).length === 0) return null;
  return { ...insightsBase(request), aggs };
}

/** Insights match like search (query and every filter, no multi-select exclusion). */
function insightsBase(request: InsightsRequest): SearchBody {
  return {
    routing: request.organizationId,
    size: 0,
    track_total_hits: false,
    query: candidateQuery(
      request.organizationId,
      buildTextQuery(request.query),
      filterClauses(request.filter, request.now),
    ),
  };
}

export interface EsLookupPlan {
  /** msearch header/body pairs, one search per profile that has something to match on. */
  searches: estypes.MsearchRequestItem[];
  /** For each search, the index of its profile in the request. */
  profiles: number[];
}

/** All lookups of a batch as one msearch. */
export function buildLookupRequest(
  organizationId: string,
  profiles: readonly NormalizedProfile[],
): EsLookupPlan {
  const plan: EsLookupPlan = { searches: [], profiles: [] };
  profiles.forEach((profile, index) => {
    const body = buildLookupSearch(organizationId, profile);
    if (!body) return;
    plan.searches.push({ routing: organizationId }, body);
    plan.profiles.push(index);
  });
  return plan;
}

/** The organization's candidates of one connection (for removing a connection). */
export function connectionQuery(organizationId: string, connectionId: string): Query {
  return {
    bool: {
      filter: [
        organizationFilter(organizationId),
        { term: { [valueField('connectionIds')]: connectionId } },
      ],
    },
  };
}

export const organizationQuery = (organizationId: string): Query => ({
  bool: { filter: [organizationFilter(organizationId)] },
});
