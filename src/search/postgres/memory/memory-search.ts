import type { SearchFilter, SearchRequest } from '../../search-types';
import { countFacet, facetExclusion, type MemoryFacet } from './facet-counts';
import { MatchMasks } from './match-masks';
import type { OrgIndex } from './org-index';

/** The parts of a search answer the memory index gives: the total and the facets. */
export interface MemoryAnswer {
  totalCount: number;
  facets: (MemoryFacet | null)[];
}

/**
 * Counts the total and every requested facet of a search without query text. (With text the
 * matching set comes from the tsquery, which only PostgreSQL evaluates.) Null when the request
 * does not fit the condition masks; SQL answers then.
 */
export function answerFromMemory(index: OrgIndex, request: SearchRequest): MemoryAnswer | null {
  const exclusions: Set<keyof SearchFilter>[] = request.facets.map((facet) =>
    facetExclusion(facet, request.filter),
  );
  const masks = MatchMasks.build(index, request.filter, request.now, exclusions);
  if (!masks) return null;
  return {
    totalCount: masks.count(masks.relevant(new Set())),
    facets: request.facets.map((facet) => countFacet(index, masks, request, facet)),
  };
}
