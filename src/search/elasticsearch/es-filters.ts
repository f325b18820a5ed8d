import type { estypes } from '@elastic/elasticsearch';
import { filterValues, normalizeFilterValue } from '../document-values';
import {
  customFieldPart,
  keysOf,
  lastUpdatedBound,
  YEARS_BUCKET_BOUNDS,
  type FilterPart,
} from '../facet-keys';
import type { LastUpdatedRange, SearchFilter, YearsBucket } from '../search-types';
import {
  APPLICATION_FIELDS,
  APPLICATION_FILTER_KEYS,
  APPLICATIONS_PATH,
  customFieldEntry,
  FIELDS,
  isApplicationFilter,
  VALUE_FILTER_KEYS,
  valueField,
  type ApplicationFilterKey,
} from './es-fields';

type Query = estypes.QueryDslQueryContainer;

/**
 * One condition of a request's filter, with the filter lists it depends on, so multi-select
 * faceting can leave out exactly the conditions a facet ignores (facetExcludes).
 */
export interface FilterClause {
  keys: readonly FilterPart[];
  query: Query;
}

export const MATCH_NONE: Query = { match_none: {} };

export { filterValues, normalizeFilterValue };

/** The application filters that are on. */
export function activeApplicationFilters(filter: SearchFilter): ApplicationFilterKey[] {
  return APPLICATION_FILTER_KEYS.filter((key) => filterValues(filter, key) !== null);
}

const termsOrNone = (field: string, values: readonly string[]): Query =>
  values.length > 0 ? { terms: { [field]: [...values] } } : MATCH_NONE;

/** The clauses of a filter, in the postgres engine's order (pg-conditions.ts). Pure. */
export function filterClauses(filter: SearchFilter, now: Date): FilterClause[] {
  const clauses: FilterClause[] = [];
  const applicationKeys = activeApplicationFilters(filter);
  const sameApplication = applicationKeys.length >= 2;

  for (const key of VALUE_FILTER_KEYS) {
    // Two or more application filters become one nested clause below.
    if (sameApplication && isApplicationFilter(key)) continue;
    const values = filterValues(filter, key);
    if (values) clauses.push({ keys: [key], query: termsOrNone(valueField(key), values) });
  }
  if (sameApplication) {
    clauses.push({
      keys: applicationKeys,
      query: applicationsMatching(filter, applicationKeys),
    });
  }
  if (filter.kinds?.length) {
    clauses.push({ keys: ['kinds'], query: { terms: { [FIELDS.kind]: [...filter.kinds] } } });
  }
  if (filter.lastUpdated) {
    const { from, to } = filter.lastUpdated;
    if (from || to) {
      clauses.push({
        keys: ['lastUpdated'],
        query: {
          range: {
            [FIELDS.lastUpdated]: {
              ...(from ? { gte: from.toISOString() } : {}),
              ...(to ? { lt: to.toISOString() } : {}),
            },
          },
        },
      });
    }
  }
  if (filter.lastUpdatedRanges?.length) {
    clauses.push({
      keys: ['lastUpdatedRanges'],
      query: {
        bool: {
          should: filter.lastUpdatedRanges.map((r) => lastUpdatedRangeQuery(r, now)),
          minimum_should_match: 1,
        },
      },
    });
  }
  if (filter.yearsOfExperience) {
    const { min, max } = filter.yearsOfExperience;
    const hasMin = min !== null && min !== undefined;
    const hasMax = max !== null && max !== undefined;
    if (hasMin || hasMax) {
      clauses.push({
        keys: ['yearsOfExperience'],
        query: {
          range: {
            [FIELDS.yearsOfExperience]: {
              ...(hasMin ? { gte: min } : {}),
              ...(hasMax ? { lte: max } : {}),
            },
          },
        },
      });
    }
  }
  if (filter.yearsOfExperienceBuckets?.length) {
    clauses.push({
      keys: ['yearsOfExperienceBuckets'],
      query: yearsQuery(FIELDS.yearsOfExperience, filter.yearsOfExperienceBuckets),
    });
  }
  if (filter.yearsInRoleBuckets?.length) {
    clauses.push({
      keys: ['yearsInRoleBuckets'],
      query: yearsQuery(FIELDS.yearsInRole, filter.yearsInRoleBuckets),
    });
  }
  for (const { key, values } of filter.customFields ?? []) {
    clauses.push({
      keys: [customFieldPart(key)],
      query: termsOrNone(
        FIELDS.customFields,
        keysOf(values).map((v) => customFieldEntry(key, v)),
      ),
    });
  }
  return clauses;
}

/**
 * Candidates with one application that satisfies every given application filter (the
 * same-application rule), as a nested query.
 */
export function applicationsMatching(
  filter: SearchFilter,
  keys: readonly ApplicationFilterKey[],
): Query {
  return {
    nested: {
      path: APPLICATIONS_PATH,
      query: { bool: { filter: applicationConditions(filter, keys) } },
    },
  };
}

/** Conditions on one nested application (inside a nested query or aggregation). */
export function applicationConditions(
  filter: SearchFilter,
  keys: readonly ApplicationFilterKey[],
): Query[] {
  return keys.map((key) => termsOrNone(APPLICATION_FIELDS[key], filterValues(filter, key) ?? []));
}

export function lastUpdatedRangeQuery(range: LastUpdatedRange, now: Date): Query {
  const { from, to } = lastUpdatedBound(range, now);
  return {
    range: {
      [FIELDS.lastUpdated]: from ? { gte: from.toISOString() } : { lt: to?.toISOString() },
    },
  };
}

/** [min, max) of a years bucket. */
export function yearsBucketQuery(field: string, bucket: YearsBucket): Query {
  const [min, max] = YEARS_BUCKET_BOUNDS[bucket];
  return { range: { [field]: max === null ? { gte: min } : { gte: min, lt: max } } };
}

function yearsQuery(field: string, buckets: readonly YearsBucket[]): Query {
  const known = buckets.filter((b) => Object.hasOwn(YEARS_BUCKET_BOUNDS, b));
  if (known.length === 0) return MATCH_NONE;
  return {
    bool: { should: known.map((b) => yearsBucketQuery(field, b)), minimum_should_match: 1 },
  };
}

/** The clauses that depend on none of the given filter lists. */
export function clausesWithout(
  clauses: readonly FilterClause[],
  excluded: ReadonlySet<FilterPart>,
): FilterClause[] {
  return clauses.filter((c) => !c.keys.some((k) => excluded.has(k)));
}
