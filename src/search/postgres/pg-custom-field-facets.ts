import { customFieldPart, selectedCustomFieldValues } from '../facet-keys';
import type { SearchRequest } from '../search-types';
import { customFieldKey } from './pg-columns';
import { candidateConditions } from './pg-conditions';
import { conditionInput, rankedValues } from './pg-query-builder';
import { SqlParams, type SqlQuery } from './sql-params';

/**
 * Counts one custom field's values (its `cf<US>key<US>value` entries of filter_keys) with every
 * filter applied except that field's own entries (multi-select), ranked as the other facets.
 * Pure; rows are (value, n, distinct_values) like buildFacetQuery's.
 */
export function buildCustomFieldFacetQuery(
  request: SearchRequest,
  tsquery: string | null,
  key: string,
): SqlQuery {
  const p = new SqlParams();
  const conditions = candidateConditions(
    p,
    conditionInput(request, tsquery),
    new Set([customFieldPart(key)]),
  );
  const prefix = p.add(customFieldKey(key, ''), 'text');
  const counts = `SELECT substr(k, char_length(${prefix}) + 1) AS value, count(*)::int AS n
  FROM search_candidates c CROSS JOIN LATERAL unnest(c.filter_keys) AS k
  WHERE starts_with(k, ${prefix}) AND ${conditions.join(' AND ')}
  GROUP BY k`;
  const selected = selectedCustomFieldValues(request.filter, key);
  return { text: rankedValues(p, counts, request.facetSize, selected), values: p.values };
}
