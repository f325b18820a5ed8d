import { filterValues, VALUE_FILTER_KEYS } from '../../document-values';
import {
  customFieldPart,
  keysOf,
  lastUpdatedBound,
  YEARS_BUCKET_BOUNDS,
  type ApplicationFilterKey,
  type FilterPart,
} from '../../facet-keys';
import type { SearchFilter, YearsBucket } from '../../search-types';
import { customFieldKey } from '../pg-columns';
import type { OrgIndex } from './org-index';

/**
 * The request's filters as per-slot tests, mirroring candidateConditions (pg-conditions.ts)
 * one for one. Each condition knows the filter keys it comes from, so a facet can drop the
 * ones its multi-select semantics exclude.
 */
export interface Condition {
  /** The filter part the condition comes from (the facet exclusion unit). */
  owner: FilterPart;
  /** True when the slot passes. */
  test: (slot: number) => boolean;
  /**
   * Optional faster form: ORs `bit` into fail[slot] for every slot that fails, skipping slots
   * equal to `skip` (dead). A loop of its own keeps the hot value filters monomorphic.
   */
  mark?: (fail: Int32Array, bit: number, skip: number) => void;
  /**
   * Value filters: the slots that may pass (one posting list per selected value, dead slots
   * included) and how many live ones that is at most, so a selective filter can name the few
   * slots worth testing instead of every slot being tested.
   */
  postings?: { estimate: number; lists: () => Int32Array[] };
}

export function filterConditions(index: OrgIndex, filter: SearchFilter, now: Date): Condition[] {
  const conditions: Condition[] = [];
  for (const key of VALUE_FILTER_KEYS) {
    const values = filterValues(filter, key);
    if (values) conditions.push({ owner: key, ...anyOf(index, key, values) });
  }
  if (filter.kinds?.length) {
    const wanted = new Set(filter.kinds.map((k) => index.kinds.find(k)));
    const kind = index.kind.view();
    conditions.push({ owner: 'kinds', test: (s) => wanted.has(kind[s] ?? -1) });
  }
  const updated = index.updated.view();
  if (filter.lastUpdated) {
    const { from, to } = filter.lastUpdated;
    if (from) {
      const t = from.getTime();
      conditions.push({ owner: 'lastUpdated', test: (s) => (updated[s] ?? NaN) >= t });
    }
    if (to) {
      const t = to.getTime();
      conditions.push({ owner: 'lastUpdated', test: (s) => (updated[s] ?? NaN) < t });
    }
  }
  if (filter.lastUpdatedRanges?.length) {
    const bounds = filter.lastUpdatedRanges.map((r) => lastUpdatedBound(r, now));
    const tests = bounds.map(({ from, to }) =>
      from ? { min: from.getTime(), max: Infinity } : { min: -Infinity, max: to?.getTime() ?? NaN },
    );
    conditions.push({
      owner: 'lastUpdatedRanges',
      test: (s) => {
        const u = updated[s] ?? NaN;
        return tests.some((t) => u >= t.min && u < t.max);
      },
    });
  }
  const years = index.yearsExperience.view();
  if (filter.yearsOfExperience) {
    const { min, max } = filter.yearsOfExperience;
    if (min !== null && min !== undefined) {
      const m = Math.fround(min);
      conditions.push({ owner: 'yearsOfExperience', test: (s) => (years[s] ?? NaN) >= m });
    }
    if (max !== null && max !== undefined) {
      const m = Math.fround(max);
      conditions.push({ owner: 'yearsOfExperience', test: (s) => (years[s] ?? NaN) <= m });
    }
  }
  if (filter.yearsOfExperienceBuckets?.length) {
    conditions.push({
      owner: 'yearsOfExperienceBuckets',
      test: inBuckets(years, filter.yearsOfExperienceBuckets),
    });
  }
  if (filter.yearsInRoleBuckets?.length) {
    conditions.push({
      owner: 'yearsInRoleBuckets',
      test: inBuckets(index.yearsInRole.view(), filter.yearsInRoleBuckets),
    });
  }
  for (const { key, values } of filter.customFields ?? []) {
    const ids = keysOf(values)
      .map((v) => index.customFields.dictionary.find(customFieldKey(key, v)))
      .filter((id) => id >= 0);
    const offsets = index.customFields.offsets?.view() ?? new Int32Array(0);
    const all = index.customFields.ids.view();
    const wanted = new Set(ids);
    conditions.push({
      owner: customFieldPart(key),
      test: (s) => {
        for (let i = offsets[s] ?? 0, end = offsets[s + 1] ?? 0; i < end; i++) {
          if (wanted.has(all[i] ?? -1)) return true;
        }
        return false;
      },
    });
  }
  return conditions;
}

/** The slot has any of the values (the `filter_keys && …` test). */
function anyOf(
  index: OrgIndex,
  key: (typeof VALUE_FILTER_KEYS)[number],
  values: string[],
): Pick<Condition, 'test' | 'mark' | 'postings'> {
  const column = index.columns[key];
  const selected = new Uint8Array(column.dictionary.size + 1);
  const selectedIds: number[] = [];
  for (const v of values) {
    const id = column.dictionary.find(v);
    if (id >= 0 && selected[id] !== 1) {
      selected[id] = 1;
      selectedIds.push(id);
    }
  }
  const live = column.liveCounts();
  const postings = {
    estimate: selectedIds.reduce((n, id) => n + (live[id] ?? 0), 0),
    lists: () => selectedIds.map((id) => column.postings(id)),
  };
  const ids = column.ids.view();
  const offsets = column.offsets?.view();
  if (!offsets) {
    return {
      postings,
      test: (s) => selected[ids[s] ?? -1] === 1,
      mark: (fail, bit, skip) => {
        for (let s = 0; s < fail.length; s++) {
          if (fail[s] !== skip && selected[ids[s] ?? -1] !== 1) fail[s] = (fail[s] ?? 0) | bit;
        }
      },
    };
  }
  const test = (s: number): boolean => {
    for (let i = offsets[s] ?? 0, end = offsets[s + 1] ?? 0; i < end; i++) {
      if (selected[ids[i] ?? -1] === 1) return true;
    }
    return false;
  };
  return {
    postings,
    test,
    mark: (fail, bit, skip) => {
      for (let s = 0; s < fail.length; s++) {
        if (fail[s] === skip) continue;
        let found = false;
        for (let i = offsets[s] ?? 0, end = offsets[s + 1] ?? 0; i < end; i++) {
          if (selected[ids[i] ?? -1] === 1) {
            found = true;
            break;
          }
        }
        if (!found) fail[s] = (fail[s] ?? 0) | bit;
      }
    },
  };
}

/** yearsCondition: any bucket's [min, max) in float4, no valid bucket = FALSE. */
function inBuckets(
  years: Float32Array,
  buckets: readonly YearsBucket[],
): (slot: number) => boolean {
  const ranges = buckets
    .filter((b) => Object.hasOwn(YEARS_BUCKET_BOUNDS, b))
    .map((b) => {
      const [min, max] = YEARS_BUCKET_BOUNDS[b];
      return { min: Math.fround(min), max: max === null ? Infinity : Math.fround(max) };
    });
  return (s) => {
    const y = years[s] ?? NaN;
    return ranges.some((r) => y >= r.min && y < r.max);
  };
}

/**
 * The same-application rule (sameApplication in pg-conditions.ts): some application of the slot
 * matches every given application filter. Only built when two or more are active.
 */
export function sameApplication(
  index: OrgIndex,
  filter: SearchFilter,
  keys: readonly ApplicationFilterKey[],
): (slot: number) => boolean {
  const tests = keys.map((key) => applicationTest(index, filter, key));
  const offsets = index.appOffsets.view();
  return (s) => {
    for (let a = offsets[s] ?? 0, end = offsets[s + 1] ?? 0; a < end; a++) {
      if (tests.every((t) => t(a))) return true;
    }
    return false;
  };
}

/** Whether application `a` has one of the filter's values in the key's column. */
export function applicationTest(
  index: OrgIndex,
  filter: SearchFilter,
  key: ApplicationFilterKey,
): (application: number) => boolean {
  const column = applicationColumn(index, key);
  const dictionary = index.columns[key].dictionary;
  const wanted = new Set(
    (filterValues(filter, key) ?? []).map((v) => dictionary.find(v)).filter((id) => id >= 0),
  );
  return (a) => wanted.has(column[a] ?? -1);
}

export function applicationColumn(index: OrgIndex, key: ApplicationFilterKey): Int32Array {
  switch (key) {
    case 'stages':
      return index.appStage.view();
    case 'statuses':
      return index.appStatus.view();
    case 'jobIds':
      return index.appJob.view();
    case 'rejectionReasons':
      return index.appReason.view();
  }
}
