import { filterValues, type ValueFilterKey } from '../../document-values';
import {
  APPLICATION_FILTERS,
  FACET_FILTER,
  facetExcludes,
  lastUpdatedBound,
  YEARS_BUCKET_BOUNDS,
  type ApplicationFilterKey,
} from '../../facet-keys';
import {
  LAST_UPDATED_RANGES,
  YEARS_BUCKETS,
  type FacetField,
  type FacetValue,
  type SearchFilter,
  type SearchRequest,
} from '../../search-types';
import { applicationColumn, applicationTest } from './conditions';
import type { MatchMasks } from './match-masks';
import type { OrgIndex } from './org-index';
import { countSlotValues } from './value-column';
import { rankedIds } from './ranking';

/** What the engine's facet() returns, computed from the memory index instead of SQL. */
export type MemoryFacet = {
  field: FacetField;
  filterKey: ValueFilterKey | null;
  values: FacetValue[];
  otherValueCount: number;
};

/** What each facet ignores (buildFacetQuery): its own filters, plus application filters in the same-application case. */
export function facetExclusion(facet: FacetField, filter: SearchFilter): Set<keyof SearchFilter> {
  const excluded = new Set<keyof SearchFilter>(facetExcludes(facet));
  const key = FACET_FILTER[facet];
  if (isApplicationKey(key) && otherApplicationFilters(key, filter).length > 0) {
    for (const k of APPLICATION_FILTERS) excluded.add(k);
  }
  return excluded;
}

/** One facet, exactly as PostgresSearchEngine.facet() would build it from the SQL answer. */
export function countFacet(
  index: OrgIndex,
  masks: MatchMasks,
  request: SearchRequest,
  facet: FacetField,
): MemoryFacet | null {
  const relevant = masks.relevant(facetExclusion(facet, request.filter));
  if (facet === 'LAST_UPDATED') {
    const bounds = LAST_UPDATED_RANGES.map((range) => {
      const { from, to } = lastUpdatedBound(range, request.now);
      return from
        ? { min: from.getTime(), max: Infinity }
        : { min: -Infinity, max: to?.getTime() ?? NaN };
    });
    const updated = index.updated.view();
    const counts = countRanges(masks.fail, masks.candidates, relevant, updated, bounds);
    return rangeFacet(facet, LAST_UPDATED_RANGES, counts, request.filter.lastUpdatedRanges ?? []);
  }
  if (facet === 'YEARS_OF_EXPERIENCE') {
    const bounds = YEARS_BUCKETS.map((b) => {
      const [min, max] = YEARS_BUCKET_BOUNDS[b];
      return { min: Math.fround(min), max: max === null ? Infinity : Math.fround(max) };
    });
    const counts = countYearRanges(
      masks.fail,
      masks.candidates,
      relevant,
      index.yearsExperience.view(),
      bounds,
    );
    return rangeFacet(facet, YEARS_BUCKETS, counts, request.filter.yearsOfExperienceBuckets ?? []);
  }

  const filterKey = FACET_FILTER[facet] as ValueFilterKey;
  const selected = filterValues(request.filter, filterKey) ?? [];
  const counts =
    isApplicationKey(filterKey) && otherApplicationFilters(filterKey, request.filter).length > 0
      ? countApplicationValues(
          index,
          masks.fail,
          masks.candidates,
          relevant,
          request.filter,
          filterKey,
        )
      : masks.unfiltered(relevant)
        ? index.columns[filterKey].liveCounts()
        : countValues(index, masks.fail, masks.candidates, relevant, filterKey);
  const dictionary = index.columns[filterKey].dictionary;
  const ranked = rankedIds(counts, dictionary.values, request.facetSize, new Set(selected));
  const values: FacetValue[] = ranked.map((id) => {
    const value = dictionary.values[id] ?? '';
    return { value, label: value, count: counts[id] ?? 0 };
  });
  for (const value of selected) {
    if (!values.some((v) => v.value === value)) values.push({ value, label: value, count: 0 });
  }
  const otherValueCount = presentValues(counts) - ranked.length;
  return values.length > 0 ? { field: facet, filterKey, values, otherValueCount } : null;
}

/** How many values have a count (the rows GROUP BY would give). */
export function presentValues(counts: Int32Array): number {
  let n = 0;
  for (let id = 0; id < counts.length; id++) if ((counts[id] ?? 0) > 0) n++;
  return n;
}

function isApplicationKey(key: keyof SearchFilter): key is ApplicationFilterKey {
  return (APPLICATION_FILTERS as readonly string[]).includes(key);
}

function otherApplicationFilters(
  key: ApplicationFilterKey,
  filter: SearchFilter,
): ApplicationFilterKey[] {
  return APPLICATION_FILTERS.filter((k) => k !== key && filterValues(filter, k));
}

function rangeFacet(
  field: FacetField,
  order: readonly string[],
  counts: Int32Array,
  selectedKeys: readonly string[],
): MemoryFacet | null {
  const selected = new Set(selectedKeys);
  const values = order
    .map((key, i) => ({ value: key, label: key, count: counts[i] ?? 0 }))
    .filter((v) => v.count > 0 || selected.has(v.value));
  return values.length > 0 ? { field, filterKey: null, values, otherValueCount: 0 } : null;
}

/** Matching slots per range [min, max) of last_updated (ranges may nest). */
function countRanges(
  fail: Int32Array,
  slots: Int32Array,
  relevant: number,
  column: Float64Array,
  bounds: { min: number; max: number }[],
): Int32Array {
  const n = bounds.length;
  const mins = Float64Array.from(bounds, (b) => b.min);
  const maxs = Float64Array.from(bounds, (b) => b.max);
  const counts = new Int32Array(n);
  for (let k = 0; k < slots.length; k++) {
    const s = slots[k] ?? 0;
    if (((fail[s] ?? 0) & relevant) !== 0) continue;
    const x = column[s] ?? NaN;
    for (let b = 0; b < n; b++) {
      if (x >= (mins[b] ?? NaN) && x < (maxs[b] ?? NaN)) counts[b] = (counts[b] ?? 0) + 1;
    }
  }
  return counts;
}

/** The same for the float4 years column (a separate function keeps each loop monomorphic). */
function countYearRanges(
  fail: Int32Array,
  slots: Int32Array,
  relevant: number,
  column: Float32Array,
  bounds: { min: number; max: number }[],
): Int32Array {
  const n = bounds.length;
  const mins = Float64Array.from(bounds, (b) => b.min);
  const maxs = Float64Array.from(bounds, (b) => b.max);
  const counts = new Int32Array(n);
  for (let k = 0; k < slots.length; k++) {
    const s = slots[k] ?? 0;
    if (((fail[s] ?? 0) & relevant) !== 0) continue;
    const x = column[s] ?? NaN;
    for (let b = 0; b < n; b++) {
      if (x >= (mins[b] ?? NaN) && x < (maxs[b] ?? NaN)) counts[b] = (counts[b] ?? 0) + 1;
    }
  }
  return counts;
}

/** Matching slots per value (the unnest … GROUP BY of valueCounts). */
function countValues(
  index: OrgIndex,
  fail: Int32Array,
  slots: Int32Array,
  relevant: number,
  key: ValueFilterKey,
): Int32Array {
  const column = index.columns[key];
  const counts = new Int32Array(column.dictionary.size);
  const ids = column.ids.view();
  const offsets = column.offsets?.view();
  for (let k = 0; k < slots.length; k++) {
    const s = slots[k] ?? 0;
    if (((fail[s] ?? 0) & relevant) !== 0) continue;
    countSlotValues(ids, offsets, s, counts);
  }
  return counts;
}

/**
 * Same-application rule: distinct matching candidates per value of the key's column, over
 * applications that pass every other application filter.
 */
function countApplicationValues(
  index: OrgIndex,
  fail: Int32Array,
  slots: Int32Array,
  relevant: number,
  filter: SearchFilter,
  key: ApplicationFilterKey,
): Int32Array {
  const tests = otherApplicationFilters(key, filter).map((k) => applicationTest(index, filter, k));
  const column = applicationColumn(index, key);
  const size = index.columns[key].dictionary.size;
  const counts = new Int32Array(size);
  const lastSlot = new Int32Array(size).fill(-1);
  const offsets = index.appOffsets.view();
  for (let k = 0; k < slots.length; k++) {
    const s = slots[k] ?? 0;
    if (((fail[s] ?? 0) & relevant) !== 0) continue;
    for (let a = offsets[s] ?? 0, end = offsets[s + 1] ?? 0; a < end; a++) {
      const v = column[a] ?? -1;
      if (v < 0 || lastSlot[v] === s || !tests.every((t) => t(a))) continue;
      lastSlot[v] = s;
      counts[v] = (counts[v] ?? 0) + 1;
    }
  }
  return counts;
}
