import type { ValueFilterKey } from '../../document-values';
import { INSIGHT_FILTER, YEARS_BUCKET_BOUNDS } from '../../facet-keys';
import { YEARS_BUCKETS, type FacetValue, type InsightDimension } from '../../search-types';
import { rankedIds } from './ranking';
import type { OrgIndex } from './org-index';
import { countSlotValues } from './value-column';

/** What the engine's insight() returns, computed from the memory index instead of SQL. */
export interface MemoryInsight {
  dimension: InsightDimension;
  filterKey: ValueFilterKey | null;
  buckets: FacetValue[];
  otherCount: number;
  missingCount: number;
}

/**
 * One insight dimension over the matching slots (a list: with query text a small share of the
 * index, so each dimension walks it rather than every slot), as buildInsightQuery
 * computes it: the top `size` values by count desc, value asc; `other` = candidates with a value
 * but none in the top; `missing` = candidates without a value. Year dimensions: the non-empty
 * buckets in order and the candidates without years.
 */
export function countInsight(
  index: OrgIndex,
  matched: Int32Array,
  dimension: InsightDimension,
  size: number,
): MemoryInsight {
  if (dimension === 'YEARS_OF_EXPERIENCE' || dimension === 'YEARS_IN_ROLE') {
    const years = (
      dimension === 'YEARS_OF_EXPERIENCE' ? index.yearsExperience : index.yearsInRole
    ).view();
    const bounds = YEARS_BUCKETS.map((b) => {
      const [min, max] = YEARS_BUCKET_BOUNDS[b];
      return { min: Math.fround(min), max: max === null ? Infinity : Math.fround(max) };
    });
    const counts = new Int32Array(bounds.length);
    let missing = 0;
    for (let k = 0; k < matched.length; k++) {
      const y = years[matched[k] ?? 0] ?? NaN;
      if (Number.isNaN(y)) missing++;
      for (let b = 0; b < bounds.length; b++) {
        const bound = bounds[b];
        if (bound && y >= bound.min && y < bound.max) counts[b] = (counts[b] ?? 0) + 1;
      }
    }
    const buckets = YEARS_BUCKETS.map((b, i) => ({
      value: b,
      label: b,
      count: counts[i] ?? 0,
    })).filter((b) => b.count > 0);
    return { dimension, filterKey: null, buckets, otherCount: 0, missingCount: missing };
  }

  const filterKey = INSIGHT_FILTER[dimension] as ValueFilterKey;
  const column = index.columns[filterKey];
  const values = column.dictionary.values;
  const ids = column.ids.view();
  const offsets = column.offsets?.view();
  const counts = new Int32Array(column.dictionary.size);
  for (let k = 0; k < matched.length; k++) countSlotValues(ids, offsets, matched[k] ?? 0, counts);
  const top = rankedIds(counts, values, size);
  const inTop = new Uint8Array(counts.length);
  for (const id of top) inTop[id] = 1;
  let missing = 0;
  let other = 0;
  for (let k = 0; k < matched.length; k++) {
    const s = matched[k] ?? 0;
    let start = s;
    let end = s + 1;
    if (offsets) {
      start = offsets[s] ?? 0;
      end = offsets[s + 1] ?? 0;
    }
    let hasValue = false;
    let hitsTop = false;
    for (let i = start; i < end; i++) {
      const v = ids[i] ?? -1;
      if (v < 0) continue;
      hasValue = true;
      if (inTop[v] === 1) hitsTop = true;
    }
    if (!hasValue) missing++;
    else if (!hitsTop) other++;
  }
  return {
    dimension,
    filterKey,
    buckets: top.map((id) => ({
      value: values[id] ?? '',
      label: values[id] ?? '',
      count: counts[id] ?? 0,
    })),
    otherCount: other,
    missingCount: missing,
  };
}
