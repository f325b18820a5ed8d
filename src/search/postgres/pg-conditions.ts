import { filterValues, VALUE_FILTER_KEYS } from '../document-values';
import {
  customFieldPart,
  keysOf,
  lastUpdatedBound,
  YEARS_BUCKET_BOUNDS,
  type FilterPart,
} from '../facet-keys';
import type { SearchFilter, YearsBucket } from '../search-types';
import { APPLICATION_COLUMNS, customFieldKey, filterKey, VALUE_COLUMNS } from './pg-columns';
import type { SqlParams } from './sql-params';

/** What the WHERE clause of a candidate query is built from. */
export interface ConditionInput {
  organizationId: string;
  /** tsquery text, or null for no text condition. */
  tsquery: string | null;
  filter: SearchFilter;
  now: Date;
}

const APPLICATION_KEYS = Object.keys(APPLICATION_COLUMNS) as (keyof typeof APPLICATION_COLUMNS)[];

/** The conditions on alias `t` = search_text of the organization's text matches. Pure. */
export function textConditions(p: SqlParams, organizationId: string, tsquery: string): string[] {
  return [
    `t.organization_id = ${p.add(organizationId, 'uuid')}`,
    `t.tsv @@ ${p.add(tsquery, 'tsquery')}`,
  ];
}

/**
 * The conditions (on alias `c` = search_candidates) for a query, its filters except those in
 * `exclude` (multi-select faceting), and the organization. Pure.
 */
export function candidateConditions(
  p: SqlParams,
  input: ConditionInput,
  exclude: ReadonlySet<FilterPart> = new Set(),
): string[] {
  const { filter } = input;
  const conditions = [`c.organization_id = ${p.add(input.organizationId, 'uuid')}`];
  if (input.tsquery) {
    conditions.push(
      `c.candidate_id IN (SELECT t.candidate_id FROM search_text t WHERE ${textConditions(p, input.organizationId, input.tsquery).join(' AND ')})`,
    );
  }

  for (const key of VALUE_FILTER_KEYS) {
    if (exclude.has(key)) continue;
    const values = filterValues(filter, key);
    if (!values) continue;
    const prefix = VALUE_COLUMNS[key].prefix;
    conditions.push(
      `c.filter_keys && ${p.add(
        values.map((v) => filterKey(prefix, v)),
        'text[]',
      )}`,
    );
  }

  // Two or more application filters must hold on one application, not across several.
  const activeApplicationFilters = APPLICATION_KEYS.filter(
    (key) => !exclude.has(key) && filterValues(filter, key),
  );
  if (activeApplicationFilters.length >= 2) {
    conditions.push(sameApplication(p, filter, activeApplicationFilters, 'c.candidate_id'));
  }

  if (filter.kinds?.length && !exclude.has('kinds')) {
    conditions.push(`c.kind = ANY(${p.add(filter.kinds, 'text[]')})`);
  }
  if (filter.lastUpdated && !exclude.has('lastUpdated')) {
    const { from, to } = filter.lastUpdated;
    if (from) conditions.push(`c.last_updated >= ${p.add(from.toISOString(), 'timestamptz')}`);
    if (to) conditions.push(`c.last_updated < ${p.add(to.toISOString(), 'timestamptz')}`);
  }
  if (filter.lastUpdatedRanges?.length && !exclude.has('lastUpdatedRanges')) {
    const ranges = filter.lastUpdatedRanges.map((range) => {
      const { from, to } = lastUpdatedBound(range, input.now);
      return from
        ? `c.last_updated >= ${p.add(from.toISOString(), 'timestamptz')}`
        : `c.last_updated < ${p.add(to?.toISOString(), 'timestamptz')}`;
    });
    conditions.push(`(${ranges.join(' OR ')})`);
  }
  if (filter.yearsOfExperience && !exclude.has('yearsOfExperience')) {
    const { min, max } = filter.yearsOfExperience;
    if (min !== null && min !== undefined)
      conditions.push(`c.years_experience >= ${p.add(min, 'real')}`);
    if (max !== null && max !== undefined)
      conditions.push(`c.years_experience <= ${p.add(max, 'real')}`);
  }
  if (filter.yearsOfExperienceBuckets?.length && !exclude.has('yearsOfExperienceBuckets')) {
    conditions.push(yearsCondition(p, 'c.years_experience', filter.yearsOfExperienceBuckets));
  }
  if (filter.yearsInRoleBuckets?.length && !exclude.has('yearsInRoleBuckets')) {
    conditions.push(yearsCondition(p, 'c.years_in_role', filter.yearsInRoleBuckets));
  }
  for (const { key, values } of filter.customFields ?? []) {
    if (!exclude.has(customFieldPart(key))) {
      const keys = keysOf(values).map((v) => customFieldKey(key, v));
      conditions.push(keys.length > 0 ? `c.filter_keys && ${p.add(keys, 'text[]')}` : 'FALSE');
    }
  }
  return conditions;
}

/** EXISTS an application of the candidate satisfying every given application filter. */
export function sameApplication(
  p: SqlParams,
  filter: SearchFilter,
  keys: readonly (keyof typeof APPLICATION_COLUMNS)[],
  candidateIdExpression: string,
): string {
  const clauses = keys.map((key) => {
    const values = filterValues(filter, key) ?? [];
    return `a.${APPLICATION_COLUMNS[key]} = ANY(${p.add(values, 'text[]')})`;
  });
  return `EXISTS (SELECT 1 FROM search_applications a WHERE a.candidate_id = ${candidateIdExpression} AND ${clauses.join(' AND ')})`;
}

export function yearsCondition(
  p: SqlParams,
  column: string,
  buckets: readonly YearsBucket[],
): string {
  const parts = buckets
    .filter((b) => Object.hasOwn(YEARS_BUCKET_BOUNDS, b))
    .map((bucket) => {
      const [min, max] = YEARS_BUCKET_BOUNDS[bucket];
      const lower = `${column} >= ${p.add(min, 'real')}`;
      return max === null ? lower : `(${lower} AND ${column} < ${p.add(max, 'real')})`;
    });
  return parts.length > 0 ? `(${parts.join(' OR ')})` : 'FALSE';
}
