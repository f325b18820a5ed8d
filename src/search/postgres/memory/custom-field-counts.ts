import { customFieldPart, selectedCustomFieldValues } from '../../facet-keys';
import type { FacetValue, SearchRequest } from '../../search-types';
import { customFieldKey } from '../pg-columns';
import { presentValues } from './facet-counts';
import type { MatchMasks } from './match-masks';
import type { OrgIndex } from './org-index';
import { rankedIds } from './ranking';

/** One custom field's facet, as buildCustomFieldFacetQuery's rows give it (before labels). */
export interface MemoryCustomFieldFacet {
  key: string;
  values: FacetValue[];
  otherValueCount: number;
}

/** The exclusion set of a custom field's facet: its own filter entries. */
export const customFieldExclusion = (key: string) => new Set([customFieldPart(key)]);

/**
 * Counts one custom field's values over the slots that pass every condition but the field's
 * own: its entries of the custom-field column are the dictionary values starting with
 * `cf<US>key<US>`. Null when the field has no value and none is selected.
 */
export function countCustomFieldFacet(
  index: OrgIndex,
  masks: MatchMasks,
  request: SearchRequest,
  key: string,
): MemoryCustomFieldFacet | null {
  const column = index.customFields;
  const entries = column.dictionary.values;
  const prefix = customFieldKey(key, '');
  const ofField = new Uint8Array(entries.length);
  for (let id = 0; id < entries.length; id++) if (entries[id]?.startsWith(prefix)) ofField[id] = 1;

  const relevant = masks.relevant(customFieldExclusion(key));
  const counts = new Int32Array(entries.length);
  if (masks.unfiltered(relevant)) {
    const live = column.liveCounts();
    for (let id = 0; id < entries.length; id++) if (ofField[id] === 1) counts[id] = live[id] ?? 0;
  } else {
    const ids = column.ids.view();
    const offsets = column.offsets?.view() ?? new Int32Array(0);
    const { fail, candidates } = masks;
    for (let k = 0; k < candidates.length; k++) {
      const s = candidates[k] ?? 0;
      if (((fail[s] ?? 0) & relevant) !== 0) continue;
      for (let i = offsets[s] ?? 0, end = offsets[s + 1] ?? 0; i < end; i++) {
        const id = ids[i] ?? -1;
        if (id >= 0 && ofField[id] === 1) counts[id] = (counts[id] ?? 0) + 1;
      }
    }
  }

  const selected = selectedCustomFieldValues(request.filter, key);
  const ranked = rankedIds(
    counts,
    entries,
    request.facetSize,
    new Set(selected.map((v) => prefix + v)),
  );
  const values: FacetValue[] = ranked.map((id) => {
    const value = (entries[id] ?? '').slice(prefix.length);
    return { value, label: value, count: counts[id] ?? 0 };
  });
  for (const value of selected) {
    if (!values.some((v) => v.value === value)) values.push({ value, label: value, count: 0 });
  }
  if (values.length === 0) return null;
  return { key, values, otherValueCount: presentValues(counts) - ranked.length };
}
