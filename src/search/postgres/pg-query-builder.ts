import { isSortValueOf, type SortValueKind } from '../../common/cursor';
import { BadInputError } from '../../common/errors';
import {
  facetExcludes,
  FACET_FILTER,
  INSIGHT_FILTER,
  lastUpdatedBound,
  YEARS_BUCKET_BOUNDS,
} from '../facet-keys';
import {
  LAST_UPDATED_RANGES,
  YEARS_BUCKETS,
  type FacetField,
  type InsightDimension,
  type SearchFilter,
  type SearchRequest,
} from '../search-types';
import { APPLICATION_COLUMNS, VALUE_COLUMNS, type ValueFilterKey } from './pg-columns';
import { filterValues } from '../document-values';
import { candidateConditions, textConditions, type ConditionInput } from './pg-conditions';
import { buildRankTsquery } from './tsquery-builder';
import { SqlParams, type SqlQuery } from './sql-params';

/**
 * Pure translation of search requests into SQL over the engine's tables (see the search-tables
 * migration). Every query is limited to one organization by candidateConditions.
 */

const SORT_VALUE_KIND: Readonly<Record<string, SortValueKind>> = {
  real: 'score',
  timestamptz: 'timestamp',
  text: 'text',
};

type SortSpec = { expression: string; cast: string; direction: 'ASC' | 'DESC' };

function sortSpec(p: SqlParams, request: SearchRequest, tsquery: string | null): SortSpec {
  const { field, direction } = request.sort;
  if (field === 'RELEVANCE' && tsquery) {
    const rankQuery = buildRankTsquery(request.query);
    const expression = rankQuery
      ? `ts_rank(t.rank_tsv, ${p.add(rankQuery, 'tsquery')})`
      : '0::real';
    return { expression, cast: 'real', direction };
  }
  if (field === 'NAME') return { expression: 'c.name_key', cast: 'text', direction };
  // LAST_UPDATED, and RELEVANCE without a query (SEMANTICS.md): newest first unless asked.
  return {
    expression: 'c.last_updated',
    cast: 'timestamptz',
    direction: field === 'RELEVANCE' ? 'DESC' : direction,
  };
}

/**
 * FROM and WHERE of a query over the matches: search_candidates `c` alone without query text;
 * with it, search_text `t` (joined to `c` only when a filter or the sort needs the candidate
 * row: a plain keyword search ranked by relevance never reads the wide rows).
 */
function matchSource(
  p: SqlParams,
  request: SearchRequest,
  tsquery: string | null,
  needsCandidateRow: boolean,
): { from: string; id: string; conditions: string[] } {
  if (!tsquery) {
    return {
      from: 'search_candidates c',
      id: 'c.candidate_id',
      conditions: candidateConditions(p, conditionInput(request, null)),
    };
  }
  const text = textConditions(p, request.organizationId, tsquery);
  // Built into a scratch list only to learn whether any filter applies besides the organization.
  const filtered = candidateConditions(new SqlParams(), conditionInput(request, null)).length > 1;
  if (!filtered && !needsCandidateRow) {
    return { from: 'search_text t', id: 't.candidate_id', conditions: text };
  }
  const conditions = candidateConditions(p, conditionInput(request, null));
  return {
    from: 'search_text t JOIN search_candidates c ON c.candidate_id = t.candidate_id',
    id: 't.candidate_id',
    conditions: [...text, ...conditions],
  };
}

/** One page of hits: ids and sort values, one more than asked to know if a next page exists. */
export function buildHitsQuery(request: SearchRequest, tsquery: string | null): SqlQuery {
  const p = new SqlParams();
  const source = matchSource(p, request, tsquery, request.sort.field !== 'RELEVANCE');
  const conditions = source.conditions;
  const sort = sortSpec(p, request, tsquery);
  if (request.after) {
    if (!isSortValueOf(SORT_VALUE_KIND[sort.cast] ?? 'text', request.after.sortValue)) {
      // The service checks cursors against the sort; this holds for the one case it cannot
      // see (a ranked search whose text has no words to rank by orders by date).
      throw new BadInputError('after does not belong to this sort; start again without after', {
        field: 'after',
      });
    }
    const value = p.add(request.after.sortValue, sort.cast);
    const id = p.add(request.after.id, 'uuid');
    const beyond = sort.direction === 'DESC' ? '<' : '>';
    conditions.push(
      `(${sort.expression} ${beyond} ${value} OR (${sort.expression} = ${value} AND ${source.id} > ${id}))`,
    );
  }
  const text = `SELECT ${source.id} AS id, ${sort.expression} AS sort_value
FROM ${source.from}
WHERE ${conditions.join('\n  AND ')}
ORDER BY ${sort.expression} ${sort.direction}, ${source.id} ASC
LIMIT ${p.add(request.first + 1, 'int')}`;
  return { text, values: p.values };
}

export function buildCountQuery(request: SearchRequest, tsquery: string | null): SqlQuery {
  const p = new SqlParams();
  const source = matchSource(p, request, tsquery, false);
  return {
    text: `SELECT count(*)::int AS total FROM ${source.from} WHERE ${source.conditions.join(' AND ')}`,
    values: p.values,
  };
}

export type FacetQuery =
  | { kind: 'values'; facet: FacetField; filterKey: ValueFilterKey; query: SqlQuery }
  | { kind: 'ranges'; facet: FacetField; query: SqlQuery };

const APPLICATION_KEYS = Object.keys(APPLICATION_COLUMNS) as (keyof typeof APPLICATION_COLUMNS)[];

/** Counts one facet with every filter applied except its own (multi-select). */
export function buildFacetQuery(
  request: SearchRequest,
  tsquery: string | null,
  facet: FacetField,
): FacetQuery {
  const p = new SqlParams();
  const excluded = new Set<keyof SearchFilter>(facetExcludes(facet));
  const input = conditionInput(request, tsquery);

  if (facet === 'LAST_UPDATED') {
    const conditions = candidateConditions(p, input, excluded);
    const counts = LAST_UPDATED_RANGES.map((range) => {
      const { from, to } = lastUpdatedBound(range, request.now);
      const test = from
        ? `c.last_updated >= ${p.add(from.toISOString(), 'timestamptz')}`
        : `c.last_updated < ${p.add(to?.toISOString(), 'timestamptz')}`;
      return `count(*) FILTER (WHERE ${test})::int AS "${range}"`;
    });
    return {
      kind: 'ranges',
      facet,
      query: {
        text: `SELECT ${counts.join(', ')} FROM search_candidates c WHERE ${conditions.join(' AND ')}`,
        values: p.values,
      },
    };
  }
  if (facet === 'YEARS_OF_EXPERIENCE') {
    const conditions = candidateConditions(p, input, excluded);
    return { kind: 'ranges', facet, query: yearsCounts(p, 'c.years_experience', conditions) };
  }

  const filterKey = FACET_FILTER[facet] as ValueFilterKey;
  const selected = filterValues(request.filter, filterKey) ?? [];
  const isApplicationFacet = (APPLICATION_KEYS as string[]).includes(filterKey);
  const otherApplicationFilters = APPLICATION_KEYS.filter(
    (key) => key !== filterKey && filterValues(request.filter, key),
  );

  let counts: string;
  if (isApplicationFacet && otherApplicationFilters.length > 0) {
    // Same-application rule: count values on applications that pass the other application filters.
    for (const key of APPLICATION_KEYS) excluded.add(key);
    const conditions = candidateConditions(p, input, excluded);
    const column = APPLICATION_COLUMNS[filterKey as keyof typeof APPLICATION_COLUMNS];
    for (const key of otherApplicationFilters) {
      conditions.push(
        `a.${APPLICATION_COLUMNS[key]} = ANY(${p.add(filterValues(request.filter, key), 'text[]')})`,
      );
    }
    counts = `SELECT a.${column} AS value, count(DISTINCT a.candidate_id)::int AS n
  FROM search_applications a JOIN search_candidates c ON c.candidate_id = a.candidate_id
  WHERE a.${column} IS NOT NULL AND ${conditions.join(' AND ')}
  GROUP BY a.${column}`;
  } else {
    const conditions = candidateConditions(p, input, excluded);
    counts = valueCounts(
      VALUE_COLUMNS[filterKey].column,
      VALUE_COLUMNS[filterKey].array,
      conditions,
    );
  }
  const text = rankedValues(p, counts, request.facetSize, selected);
  return { kind: 'values', facet, filterKey, query: { text, values: p.values } };
}

/**
 * The top `size` rows of a (value, n) counts query by count then value, plus selected values
 * ranked below them; each row also says how many distinct values were counted in all.
 */
export function rankedValues(
  p: SqlParams,
  counts: string,
  size: number,
  selected: string[],
): string {
  return `WITH counts AS (${counts})
SELECT value, n, (SELECT count(*) FROM counts)::int AS distinct_values FROM (
  SELECT value, n, row_number() OVER (ORDER BY n DESC, value ASC) AS rank FROM counts
) ranked
WHERE rank <= ${p.add(size, 'int')} OR value = ANY(${p.add(selected, 'text[]')})
ORDER BY rank`;
}

function valueCounts(column: string, array: boolean, conditions: string[]): string {
  if (array) {
    return `SELECT v AS value, count(*)::int AS n
  FROM search_candidates c CROSS JOIN LATERAL unnest(c.${column}) AS v
  WHERE ${conditions.join(' AND ')}
  GROUP BY v`;
  }
  return `SELECT c.${column} AS value, count(*)::int AS n
  FROM search_candidates c
  WHERE c.${column} IS NOT NULL AND ${conditions.join(' AND ')}
  GROUP BY c.${column}`;
}

function yearsCounts(p: SqlParams, column: string, conditions: string[]): SqlQuery {
  const counts = YEARS_BUCKETS.map((bucket) => {
    const [min, max] = YEARS_BUCKET_BOUNDS[bucket];
    const upper = max === null ? '' : ` AND ${column} < ${p.add(max, 'real')}`;
    return `count(*) FILTER (WHERE ${column} >= ${p.add(min, 'real')}${upper})::int AS "${bucket}"`;
  });
  const missing = `count(*) FILTER (WHERE ${column} IS NULL)::int AS "__missing"`;
  return {
    text: `SELECT ${counts.join(', ')}, ${missing} FROM search_candidates c WHERE ${conditions.join(' AND ')}`,
    values: p.values,
  };
}

export type InsightQuery =
  | { kind: 'values'; dimension: InsightDimension; filterKey: ValueFilterKey; query: SqlQuery }
  | { kind: 'ranges'; dimension: InsightDimension; query: SqlQuery };

/** Top `size` buckets of one dimension, with the candidates outside them and without a value. */
export function buildInsightQuery(
  request: ConditionInput & { size: number },
  dimension: InsightDimension,
): InsightQuery {
  const p = new SqlParams();
  const conditions = candidateConditions(p, request);
  if (dimension === 'YEARS_OF_EXPERIENCE' || dimension === 'YEARS_IN_ROLE') {
    const column = dimension === 'YEARS_OF_EXPERIENCE' ? 'c.years_experience' : 'c.years_in_role';
    return { kind: 'ranges', dimension, query: yearsCounts(p, column, conditions) };
  }
  const filterKey = INSIGHT_FILTER[dimension] as ValueFilterKey;
  const { column, array } = VALUE_COLUMNS[filterKey];
  const size = p.add(request.size, 'int');
  const counts = array
    ? 'SELECT v AS value, count(*)::int AS n FROM matched CROSS JOIN LATERAL unnest(matched.col) AS v GROUP BY v'
    : 'SELECT col AS value, count(*)::int AS n FROM matched WHERE col IS NOT NULL GROUP BY col';
  const hasValue = array ? 'cardinality(col) > 0' : 'col IS NOT NULL';
  const outsideTop = array
    ? 'NOT (col && ARRAY(SELECT value FROM top))'
    : 'col <> ALL(ARRAY(SELECT value FROM top))';
  const text = `WITH matched AS MATERIALIZED (
  SELECT c.${column} AS col FROM search_candidates c WHERE ${conditions.join(' AND ')}
), counts AS (${counts}),
top AS (SELECT value, n FROM counts ORDER BY n DESC, value ASC LIMIT ${size})
SELECT
  (SELECT coalesce(json_agg(json_build_object('value', value, 'count', n) ORDER BY n DESC, value ASC), '[]') FROM top) AS buckets,
  (SELECT count(*)::int FROM matched WHERE NOT (${hasValue})) AS missing,
  (SELECT count(*)::int FROM matched WHERE ${hasValue} AND ${outsideTop}) AS other`;
  return { kind: 'values', dimension, filterKey, query: { text, values: p.values } };
}

export function conditionInput(request: SearchRequest, tsquery: string | null): ConditionInput {
  return {
    organizationId: request.organizationId,
    tsquery,
    filter: request.filter,
    now: request.now,
  };
}
