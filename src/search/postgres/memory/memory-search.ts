import type { FilterPart } from '../../facet-keys';
import type { InsightsRequest, SearchRequest } from '../../search-types';
import {
  countCustomFieldFacet,
  customFieldExclusion,
  type MemoryCustomFieldFacet,
} from './custom-field-counts';
import { countFacet, facetExclusion, type MemoryFacet } from './facet-counts';
import { countInsight, type MemoryInsight } from './insight-counts';
import { MatchMasks, type MaskOptions } from './match-masks';
import type { OrgIndex } from './org-index';

/** The parts of a search answer the memory index gives: the total and the facets. */
export interface MemoryAnswer {
  totalCount: number;
  facets: (MemoryFacet | null)[];
  /** One per key of request.customFieldFacets, in order. */
  customFieldFacets: (MemoryCustomFieldFacet | null)[];
}

/**
 * The slots of the candidates that match the query text, from their doc numbers (PostgreSQL
 * evaluates the tsquery; see the engine). Numbers the index does not hold (indexed after its
 * last catch-up) are left out, as if the search had run a moment earlier.
 */
export function slotsOf(index: OrgIndex, docNos: Int32Array): Uint8Array {
  // Lent by the index: valid until the request that asked for it is answered.
  const within = index.scratch.within(index.slots);
  for (const docNo of docNos) {
    const slot = index.slotOfDoc.get(docNo);
    if (slot >= 0) within[slot] = 1;
  }
  return within;
}

/**
 * The total and every requested facet of a search, over the text matches when `within` is
 * given. Null when the request does not fit the condition masks; SQL answers then.
 */
export function answerSearch(
  index: OrgIndex,
  request: SearchRequest,
  within: Uint8Array | null,
  options: MaskOptions = {},
): MemoryAnswer | null {
  const customKeys = request.customFieldFacets ?? [];
  const exclusions: Set<FilterPart>[] = [
    ...request.facets.map((facet) => facetExclusion(facet, request.filter)),
    ...customKeys.map(customFieldExclusion),
  ];
  const masks = MatchMasks.build(index, request.filter, request.now, exclusions, within, options);
  if (!masks) return null;
  try {
    return {
      totalCount: masks.count(masks.relevant(new Set())),
      facets: request.facets.map((facet) => countFacet(index, masks, request, facet)),
      customFieldFacets: customKeys.map((key) => countCustomFieldFacet(index, masks, request, key)),
    };
  } finally {
    masks.release();
  }
}

/** Every requested insight dimension; null when SQL must answer. */
export function answerInsights(
  index: OrgIndex,
  request: InsightsRequest,
  within: Uint8Array | null,
  options: MaskOptions = {},
): MemoryInsight[] | null {
  const masks = MatchMasks.build(index, request.filter, request.now, [], within, options);
  if (!masks) return null;
  try {
    // Built with no exclusion set but the empty one, the survivors are exactly the matches.
    const matched = masks.candidates;
    return request.dimensions.map((dimension) =>
      countInsight(index, matched, dimension, request.size),
    );
  } finally {
    masks.release();
  }
}
